import type { DType, TypedArray } from '../dtype.js';
import { ShapeError, ValueError } from '../errors.js';
import type { NestedArray, Tensor } from '../tensor.js';
import { tensor } from './convert.js';
import { arange, full } from './creation.js';

const RANK_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six'] as const;

function inferredRank(values: TypedArray | NestedArray): number {
  if (ArrayBuffer.isView(values)) return 1;
  let rank = 0;
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    rank++;
    v = v[0] as NestedArray;
  }
  return rank;
}

/**
 * `tensorNd` for rank `n`, with TensorFlow.js's checks and messages: values nested `n` deep, or flat (a flat
 * array or typed array) together with a shape of `n` numbers.
 */
function rankedTensor(n: number) {
  const op = `tensor${n}d`;
  return (values: TypedArray | NestedArray, shape?: readonly number[], dtype?: DType): Tensor => {
    if (values === null || values === undefined)
      throw new ValueError(`${op}: values must be provided, received ${String(values)}`);
    if (shape != null && shape.length !== n) {
      throw new ShapeError(`${op}() requires shape to have ${RANK_WORDS[n]} numbers, received [${shape.join(',')}]`);
    }
    const rank = inferredRank(values);
    if (rank !== n && rank !== 1) {
      throw new ShapeError(
        `${op}() requires values to be ${'number' + '[]'.repeat(n)} or flat/TypedArray, received values of rank ${rank}`,
      );
    }
    if (rank === 1 && n !== 1 && shape == null) {
      throw new ShapeError(`${op}() requires shape to be provided when \`values\` are a flat/TypedArray`);
    }
    return tensor(values, shape ?? undefined, dtype);
  };
}

/**
 * A rank-1 tensor (TensorFlow.js `tensor1d(values, dtype?)`).
 * @example tensor1d([1, 2, 3]) // shape [3]
 */
export function tensor1d(values: TypedArray | NestedArray, dtype?: DType): Tensor {
  if (values === null || values === undefined)
    throw new ValueError(`tensor1d: values must be provided, received ${String(values)}`);
  const rank = inferredRank(values);
  if (rank !== 1)
    throw new ShapeError(`tensor1d() requires values to be a flat/TypedArray, received values of rank ${rank}`);
  return tensor(values, undefined, dtype);
}
/** A rank-2 tensor from nested values, or flat values and a shape. @example tensor2d([1, 2, 3, 4], [2, 2]) */
export const tensor2d = rankedTensor(2);
/** A rank-3 tensor. @example tensor3d([[[1], [2]], [[3], [4]]]) // shape [2, 2, 1] */
export const tensor3d = rankedTensor(3);
/** A rank-4 tensor (images: [batch, height, width, channels]). @example tensor4d(new Float32Array(12), [1, 2, 2, 3]) */
export const tensor4d = rankedTensor(4);
/** A rank-5 tensor. @example tensor5d([1, 2], [1, 1, 1, 1, 2]) */
export const tensor5d = rankedTensor(5);
/** A rank-6 tensor. @example tensor6d([1, 2], [1, 1, 1, 1, 1, 2]) */
export const tensor6d = rankedTensor(6);

/**
 * TensorFlow.js's name for {@link full}: a tensor of `shape` filled with `value`.
 * @example fill([2, 2], 7) // → [[7, 7], [7, 7]]
 */
export function fill(shape: readonly number[], value: number | boolean, dtype?: DType): Tensor {
  return full(shape, value, dtype);
}

/**
 * TensorFlow.js's `range(start, stop, step = 1, dtype)`: values in [start, stop). As in TensorFlow.js, a
 * decreasing range with the default step counts down by 1, and a step pointing away from `stop` gives an empty
 * tensor. (Rectify's {@link arange} is the NumPy-style primary.)
 * @example range(0, 5) // → [0, 1, 2, 3, 4]
 * @example range(5, 0) // → [5, 4, 3, 2, 1]
 */
export function range(start: number, stop: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (step === 0) throw new ValueError('range: step must not be zero, received 0');
  if (stop < start && step === 1) step = -1;
  if ((start < stop && step < 0) || (stop < start && step > 0)) return arange(0, 0, 1, dtype);
  return arange(start, stop, step, dtype);
}
