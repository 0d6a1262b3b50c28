import { allocate, type DType, isDType } from '../dtype.js';
import { engine } from '../engine.js';
import { DTypeError, ValueError } from '../errors.js';
import { assertValidShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, tensor, toTensor } from './convert.js';

/** A rank-0 tensor. @example scalar(3.5) */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return tensor(value, [], dtype);
}

/** A tensor of `shape` filled with `value` (dtype bool for a boolean value, else float32). @example full([2, 2], 7) */
export function full(shape: readonly number[], value: number | boolean, dtype?: DType): Tensor {
  return filled('full', shape, value, dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32'));
}

function filled(op: string, shape: readonly number[], value: number | boolean, dtype: DType): Tensor {
  assertValidShape(op, shape);
  assertCreationDType(op, dtype);
  const v = allocate(dtype, sizeOf(shape));
  v.fill(dtype === 'bool' ? (value ? 1 : 0) : Number(value));
  return engine.makeTensor(v, shape, dtype);
}

function assertCreationDType(op: string, dtype: DType): void {
  if (!isDType(dtype))
    throw new DTypeError(`${op}: dtype must be 'float32', 'int32' or 'bool', received ${JSON.stringify(dtype)}`);
}

/** @example zeros([2, 3]) */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('zeros', shape, 0, dtype);
}

/** @example ones([3]) */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('ones', shape, 1, dtype);
}

/** Zeros with the shape and dtype of `x`. @example zerosLike(tensor([[1, 2]])) // [[0, 0]] */
export function zerosLike(x: TensorLike): Tensor {
  const t = toTensor(x, 'x', 'zerosLike');
  return filled('zerosLike', t.shape, 0, t.dtype);
}

/** Ones with the shape and dtype of `x`. @example onesLike(tensor([1, 2], undefined, 'int32')) // int32 [1, 1] */
export function onesLike(x: TensorLike): Tensor {
  const t = toTensor(x, 'x', 'onesLike');
  return filled('onesLike', t.shape, 1, t.dtype);
}

/**
 * Evenly spaced values in [start, stop) (NumPy `arange`, TensorFlow.js `range`); one argument means [0, n).
 * @example arange(5) // → [0, 1, 2, 3, 4]
 */
export function arange(start: number, stop?: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new ValueError(`arange: start and stop must be finite numbers, received start=${start}, stop=${stop}`);
  }
  if (step === 0 || !Number.isFinite(step))
    throw new ValueError(`arange: step must be a non-zero finite number, received ${step}`);
  assertCreationDType('arange', dtype);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const v = allocate(dtype, n);
  for (let i = 0; i < n; i++) v[i] = start + i * step;
  return engine.makeTensor(v, [n], dtype);
}

/** `num` evenly spaced values from start to stop, both included. @example linspace(0, 1, 5) */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isInteger(num) || num < 0)
    throw new ValueError(`linspace: num must be a non-negative integer, received ${num}`);
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new ValueError(`linspace: start and stop must be finite numbers, received start=${start}, stop=${stop}`);
  }
  const v = new Float32Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) v[i] = start + i * step;
  if (num > 1) v[num - 1] = stop;
  return engine.makeTensor(v, [num], 'float32');
}

/** The identity matrix (rows × cols, cols defaulting to rows). @example eye(3) */
export function eye(rows: number, cols = rows, dtype: DType = 'float32'): Tensor {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new ValueError(`eye: rows and cols must be non-negative integers, received rows=${rows}, cols=${cols}`);
  }
  assertCreationDType('eye', dtype);
  const v = allocate(dtype, rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) v[i * cols + i] = 1;
  return engine.makeTensor(v, [rows, cols], dtype);
}
