import { PRNGKey } from '@rectify/tensor';

/**
 * A uniformly random permutation of 0..n−1 (Fisher–Yates), a pure function of `key`: the same seed shuffles the
 * same way on every run and every backend.
 * @example permutation(5, PRNGKey.fromSeed(1)); // e.g. Int32Array [3, 0, 4, 1, 2]
 */
export function permutation(n: number, key: PRNGKey): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const u = key.uniform(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[i]! * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
