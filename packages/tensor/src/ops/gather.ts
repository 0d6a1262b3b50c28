import type { DType } from '../dtype.js';
import { engine } from '../engine.js';
import { DTypeError, ValueError, fmtShape } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { arange } from './creation.js';
import { cast, equal, where } from './elementwise.js';
import { expandDims } from './shape.js';

/**
 * Picks entries of `x` along `axis` at integer `indices` (any shape).
 * @example gather(tensor([10, 20, 30]), tensor([2, 0], undefined, 'int32')) // → [30, 10]
 */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor(x, 'x', 'gather');
  const idx = toTensor(indices, 'indices', 'gather', 'int32');
  if (idx.dtype !== 'int32') throw new DTypeError(`gather: 'indices' must have dtype int32, received ${idx.dtype}`);
  const a = normalizeAxis('gather', axis, t.rank);
  assertIndices('gather', idx, t.shape[a]!, a, t.shape);
  return engine.runKernel('gather', [t, idx], { axis: a });
}

/** Index checks happen in the op, on every backend (kernels may assume valid indices). */
function assertIndices(op: string, idx: Tensor, n: number, axis: number, shape: readonly number[]): void {
  const values = idx.dataSync();
  for (const i of values) {
    if (i < 0 || i >= n) {
      throw new ValueError(`${op}: index ${i} is out of range [0, ${n}) for axis ${axis} of shape ${fmtShape(shape)}`);
    }
  }
}

/**
 * One-hot encodes integer `indices` into a new last axis of size `depth`.
 * @example oneHot(tensor([0, 2], undefined, 'int32'), 3) // → [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(
  indices: TensorLike,
  depth: number,
  onValue = 1,
  offValue = 0,
  dtype: DType = 'float32',
): Tensor {
  const idx = toTensor(indices, 'indices', 'oneHot', 'int32');
  if (idx.dtype !== 'int32') throw new DTypeError(`oneHot: 'indices' must have dtype int32, received ${idx.dtype}`);
  if (!Number.isInteger(depth) || depth < 1)
    throw new ValueError(`oneHot: depth must be a positive integer, received ${depth}`);
  const hit = equal(expandDims(idx, -1), arange(0, depth, 1, 'int32'));
  if (onValue === 1 && offValue === 0) return cast(hit, dtype);
  return cast(where(hit, onValue, offValue), dtype);
}
