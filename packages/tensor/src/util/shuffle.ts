import { ValueError } from '../errors.js';
import { type PRNGKey, keyFor } from '../prng.js';

type Shuffleable = unknown[] | Uint32Array | Int32Array | Float32Array;

function randomIndices(op: string, n: number, seed: number | PRNGKey | undefined): Float64Array {
  return keyFor(seed, op).uniform(n);
}

function assertArray(op: string, name: string, a: unknown): asserts a is Shuffleable {
  if (!Array.isArray(a) && !(a instanceof Uint32Array || a instanceof Int32Array || a instanceof Float32Array)) {
    throw new ValueError(
      `${op}: ${name} must be an array or a typed array, received ${a === null ? 'null' : typeof a}`,
    );
  }
}

/**
 * Shuffles `array` in place (Fisher–Yates). Random numbers come from Rectify's seeded stream: pass `seed` for a
 * fixed order, or call `setSeed` once to make every later shuffle reproducible.
 * @example const a = [1, 2, 3, 4]; util.shuffle(a, 7); // a is a permutation of [1, 2, 3, 4]
 */
export function shuffle(array: Shuffleable, seed?: number | PRNGKey): void {
  assertArray('shuffle', 'array', array);
  const u = randomIndices('shuffle', array.length, seed);
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(u[i]! * (i + 1));
    const t = array[i]!;
    array[i] = array[j]!;
    array[j] = t as never;
  }
}

/**
 * Shuffles two arrays of the same length in place with one permutation (features and labels stay paired).
 * @example
 * const xs = [1, 2, 3];
 * const ys = ['a', 'b', 'c'];
 * util.shuffleCombo(xs, ys, 1);
 * xs.every((x, i) => ys[i] === ['a', 'b', 'c'][x - 1]); // → true
 */
export function shuffleCombo(array: Shuffleable, array2: Shuffleable, seed?: number | PRNGKey): void {
  assertArray('shuffleCombo', 'array', array);
  assertArray('shuffleCombo', 'array2', array2);
  if (array.length !== array2.length) {
    throw new ValueError(
      `shuffleCombo: array and array2 must have the same length, received ${array.length} and ${array2.length}`,
    );
  }
  const u = randomIndices('shuffleCombo', array.length, seed);
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(u[i]! * (i + 1));
    for (const a of [array, array2]) {
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t as never;
    }
  }
}

/**
 * The indices 0 … n−1 in random order.
 * @example
 * const order = util.createShuffledIndices(5, 3); // a Uint32Array, e.g. [3, 0, 4, 1, 2]
 * [...order].sort(); // → [0, 1, 2, 3, 4]
 */
export function createShuffledIndices(n: number, seed?: number | PRNGKey): Uint32Array {
  if (!Number.isInteger(n) || n < 0)
    throw new ValueError(`createShuffledIndices: n must be a non-negative integer, received ${n}`);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  shuffle(out, seed);
  return out;
}
