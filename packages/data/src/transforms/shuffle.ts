import { PRNGKey, ValueError, keyFor } from '@rectify/tensor';
import { disposeElement } from '../container.js';
import { checkCount } from '../checks.js';

/** tf.data takes string seeds; numbers are accepted as well. */
export type ShuffleSeed = number | string;

/** A string seed as a 32-bit number (FNV-1a), so that 'abc' always names the same stream. */
function seedNumber(seed: ShuffleSeed): number {
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) throw new ValueError(`shuffle: seed must be an integer or a string, received ${seed}`);
    return seed;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Uniform integers in [0, n) from a Philox key, drawn 1024 at a time. */
class IndexStream {
  private block = 0;
  private words: Uint32Array = new Uint32Array(0);
  private at = 0;

  constructor(private readonly key: PRNGKey) {}

  below(n: number): number {
    if (this.at === this.words.length) {
      this.words = this.key.fold(this.block++).uint32(1024);
      this.at = 0;
    }
    return Math.floor((this.words[this.at++]! / 0x1_0000_0000) * n);
  }
}

/**
 * The factory of shuffled passes. Pass k draws from `base.fold(k)` when reshuffling, `base.fold(0)` otherwise, so
 * a seeded dataset repeats its sequence of orders exactly; without a seed the base key comes from the global
 * random stream when `shuffle` is called (reproducible after `setSeed`).
 */
export function shuffleElements<T>(
  source: AsyncIterable<T>,
  bufferSize: number,
  seed: ShuffleSeed | undefined,
  reshuffleEachIteration: boolean,
): () => AsyncGenerator<T> {
  checkCount('shuffle', 'bufferSize', bufferSize, 1);
  const base = seed === undefined ? keyFor(undefined) : PRNGKey.fromSeed(seedNumber(seed), 'shuffle');
  let pass = 0;
  return () => reservoir(source, bufferSize, new IndexStream(base.fold(reshuffleEachIteration ? pass++ : 0)));
}

/** Fill the buffer, then hand out a random buffered element and put the next one in its place (tf.data's scheme). */
async function* reservoir<T>(source: AsyncIterable<T>, size: number, random: IndexStream): AsyncGenerator<T> {
  const buffer: T[] = [];
  try {
    for await (const value of source) {
      if (buffer.length < size) {
        buffer.push(value);
        continue;
      }
      const i = random.below(size);
      const out = buffer[i]!;
      buffer[i] = value;
      yield out;
    }
    while (buffer.length > 0) {
      const i = random.below(buffer.length);
      const out = buffer[i]!;
      buffer[i] = buffer[buffer.length - 1]!;
      buffer.pop();
      yield out;
    }
  } finally {
    for (const value of buffer) disposeElement(value);
  }
}
