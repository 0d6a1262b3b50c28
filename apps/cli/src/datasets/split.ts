import { PRNGKey } from '@rectify/tensor';
import type { Split } from './types.js';

/**
 * A seeded permutation of `0..n-1` (Fisher–Yates driven by Philox), identical on every machine and run.
 *
 * @example
 * permutation(5, 42); // e.g. Int32Array [3, 0, 4, 1, 2], always the same for seed 42
 */
export function permutation(n: number, seed: number | PRNGKey): Int32Array {
  const key = typeof seed === 'number' ? PRNGKey.fromSeed(seed) : seed;
  const random = key.uint32(Math.max(n, 1));
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    // Multiply-shift maps a 32-bit draw onto [0, i] with negligible bias for n far below 2^32.
    const j = Math.floor((random[i]! / 0x100000000) * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/**
 * The samples of `split` at `indices`, in that order.
 *
 * @example
 * take({ x: new Float32Array([1, 2, 3]), y: new Float32Array([0, 1, 0]), n: 3 }, [2, 0]); // x [3, 1], y [0, 0]
 */
export function take(split: Split, indices: ArrayLike<number>): Split {
  const xw = split.n === 0 ? 0 : split.x.length / split.n;
  const yw = split.n === 0 ? 0 : split.y.length / split.n;
  const x = new Float32Array(indices.length * xw);
  const y = new Float32Array(indices.length * yw);
  for (let i = 0; i < indices.length; i++) {
    const s = indices[i]!;
    x.set(split.x.subarray(s * xw, (s + 1) * xw), i * xw);
    y.set(split.y.subarray(s * yw, (s + 1) * yw), i * yw);
  }
  return { x, y, n: indices.length };
}

/**
 * Splits `split` into a shuffled head and tail: the last `fraction` of a seeded permutation becomes the tail.
 * Used for validation splits and for datasets that come without a test set.
 *
 * @example
 * const { head, tail } = splitFraction(data, 0.2, 7); // 80 % / 20 %, the same for seed 7 every time
 */
export function splitFraction(split: Split, fraction: number, seed: number): { head: Split; tail: Split } {
  const order = permutation(split.n, seed);
  const tailSize = Math.round(split.n * fraction);
  const cut = split.n - tailSize;
  return { head: take(split, order.subarray(0, cut)), tail: take(split, order.subarray(cut)) };
}

/**
 * A stratified split for class labels: each class contributes the same fraction to the tail, so a small test set
 * still has every class in proportion.
 *
 * @example
 * const { head, tail } = stratifiedSplit(mnist, 0.2, 1); // 20 % of every digit held out
 */
export function stratifiedSplit(split: Split, fraction: number, seed: number): { head: Split; tail: Split } {
  const order = permutation(split.n, seed);
  const byClass = new Map<number, number[]>();
  for (const i of order) {
    const label = split.y[i]!;
    let list = byClass.get(label);
    if (list === undefined) byClass.set(label, (list = []));
    list.push(i);
  }
  const head: number[] = [];
  const tail: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const list = byClass.get(label)!;
    const k = Math.round(list.length * fraction);
    head.push(...list.slice(0, list.length - k));
    tail.push(...list.slice(list.length - k));
  }
  // Re-shuffle so that the classes are interleaved rather than sorted.
  const mixHead = permutation(head.length, seed + 1);
  const mixTail = permutation(tail.length, seed + 2);
  return {
    head: take(
      split,
      Array.from(mixHead, (i) => head[i]!),
    ),
    tail: take(
      split,
      Array.from(mixTail, (i) => tail[i]!),
    ),
  };
}

/** The first `limit` samples of `split` (all of them when `limit` is undefined or larger). */
export function limitSplit(split: Split, limit: number | undefined): Split {
  if (limit === undefined || limit >= split.n) return split;
  return take(
    split,
    Array.from({ length: limit }, (_, i) => i),
  );
}
