import { allocate, type DType } from '../dtype.js';
import { engine } from '../engine.js';
import { ValueError } from '../errors.js';
import { assertValidShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { tensor } from './convert.js';

/** A rank-0 tensor. @example scalar(3.5) */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return tensor(value, [], dtype);
}

/** A tensor of `shape` filled with `value`. @example full([2, 2], 7) */
export function full(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
  assertValidShape('full', shape);
  const v = allocate(dtype, sizeOf(shape));
  v.fill(dtype === 'bool' ? (value ? 1 : 0) : value);
  return engine.makeTensor(v, shape, dtype);
}

/** @example zeros([2, 3]) */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return full(shape, 0, dtype);
}

/** @example ones([3]) */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return full(shape, 1, dtype);
}

/** @example zerosLike(x) */
export function zerosLike(x: Tensor): Tensor {
  return full(x.shape, 0, x.dtype);
}

/** @example onesLike(x) */
export function onesLike(x: Tensor): Tensor {
  return full(x.shape, 1, x.dtype);
}

/**
 * Evenly spaced values in [start, stop) (NumPy `arange`, TensorFlow.js `range`); one argument means [0, n).
 * @example arange(5) // [0, 1, 2, 3, 4]
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0 || !Number.isFinite(step)) throw new ValueError(`arange: step must be a non-zero finite number, received ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const v = allocate(dtype, n);
  for (let i = 0; i < n; i++) v[i] = start + i * step;
  return engine.makeTensor(v, [n], dtype);
}

/** `num` evenly spaced values from start to stop, both included. @example linspace(0, 1, 5) */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new ValueError(`linspace: num must be a non-negative integer, received ${num}`);
  const v = new Float32Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) v[i] = start + i * step;
  if (num > 1) v[num - 1] = stop;
  return engine.makeTensor(v, [num], 'float32');
}

/** The identity matrix (rows × cols, cols defaulting to rows). @example eye(3) */
export function eye(rows: number, cols = rows, dtype: DType = 'float32'): Tensor {
  assertValidShape('eye', [rows, cols]);
  const v = allocate(dtype, rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) v[i * cols + i] = 1;
  return engine.makeTensor(v, [rows, cols], dtype);
}
