import { type Tensor, randomNormal, setSeed, tensor } from '@rectify/tensor';
import { resetDefaultNames } from '@rectify/layers';

/** A fixed linear-regression problem: y = x · [2, −3] + 0.5, with n examples. */
export function linearData(n: number, seed = 1): { x: Tensor; y: Tensor } {
  const x = randomNormal([n, 2], 0, 1, 'float32', seed);
  const v = x.dataSync();
  const y = Float32Array.from({ length: n }, (_, i) => 2 * v[2 * i]! - 3 * v[2 * i + 1]! + 0.5);
  return { x, y: tensor(y, [n, 1]) };
}

/** Default names and the global random stream back to a known state, so tests do not depend on their order. */
export function fresh(seed = 0): void {
  resetDefaultNames();
  setSeed(seed);
}

export const values = (t: Tensor): number[] => Array.from(t.dataSync());
