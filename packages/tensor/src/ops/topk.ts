import { DTypeError, ShapeError, ValueError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, tensor, toTensor } from './convert.js';
import { gather } from './gather.js';
import { reshape } from './shape.js';

/**
 * The `k` largest entries along the last axis and their indices, as TensorFlow.js's `topk`: values descending
 * (ties keep the lower index first) when `sorted`, else in index order. The values are a gather of `x`, so they
 * carry gradients; the indices are int32.
 * @example topk(tensor([1, 5, 3]), 2) // → { values: [5, 3], indices: [1, 2] }
 */
export function topk(x: TensorLike, k = 1, sorted = true): { values: Tensor; indices: Tensor } {
  const t = toTensor(x, 'x', 'topk');
  if (t.rank === 0) throw new ShapeError('topk: x must have rank 1 or higher, received a scalar');
  if (t.dtype === 'bool') throw new DTypeError(`topk: 'x' must be float32 or int32, received bool`);
  const n = t.shape[t.rank - 1]!;
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new ValueError(
      `topk: k must be an integer in [0, ${n}] (the last dimension of ${fmtShape(t.shape)}), received ${k}`,
    );
  }
  const values = t.dataSync();
  const rows = n === 0 ? 0 : t.size / n;
  const local = new Int32Array(rows * k);
  const flat = new Int32Array(rows * k);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    // NaN counts as the largest value, as in TensorFlow.
    const key = (i: number): number => (Number.isNaN(values[base + i]!) ? Infinity : values[base + i]!);
    const best = [...order].sort((a, b) => key(b) - key(a) || a - b).slice(0, k);
    if (!sorted) best.sort((a, b) => a - b);
    best.forEach((i, j) => {
      local[r * k + j] = i;
      flat[r * k + j] = base + i;
    });
  }
  const outShape = [...t.shape.slice(0, -1), k];
  return {
    values: reshape(gather(reshape(t, [t.size]), tensor(flat, [flat.length], 'int32')), outShape),
    indices: tensor(local, outShape, 'int32'),
  };
}
