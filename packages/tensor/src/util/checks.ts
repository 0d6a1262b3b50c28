import { type DType, bytesPerElement as bytesOf } from '../dtype.js';
import { RectifyError, ShapeError, ValueError, fmtShape } from '../errors.js';
import { sizeOf, stridesOf } from '../shape.js';

/**
 * Throws a RectifyError with `msg()` when `expr` is false; the message is built only on failure.
 * @example
 * const x = tensor([[1, 2]]);
 * util.assert(x.rank === 2, () => `expected a matrix, received rank ${x.rank}`);
 */
export function assert(expr: boolean, msg: () => string): asserts expr {
  if (!expr) throw new RectifyError(typeof msg === 'function' ? msg() : String(msg));
}

/** Throws unless the two shapes are equal. @example util.assertShapesMatch([2, 3], [2, 3]) */
export function assertShapesMatch(shapeA: readonly number[], shapeB: readonly number[], errorMessagePrefix = ''): void {
  if (!arraysEqual(shapeA, shapeB)) {
    throw new ShapeError(`${errorMessagePrefix}shapes ${fmtShape(shapeA)} and ${fmtShape(shapeB)} must match`);
  }
}

/** Throws when `a` is null or undefined. @example util.assertNonNull([1, 2]) */
export function assertNonNull(a: unknown): void {
  if (a === null || a === undefined) throw new ValueError(`assertNonNull: the input to the op is ${String(a)}`);
}

/** The number of elements of a tensor of this shape (1 for a scalar). @example util.sizeFromShape([2, 3]) // 6 */
export function sizeFromShape(shape: readonly number[]): number {
  return sizeOf(shape);
}

/** Whether `shape` is a scalar's ([]). @example util.isScalarShape([]) // true */
export function isScalarShape(shape: readonly number[]): boolean {
  return shape.length === 0;
}

/** Element-wise equality of two flat arrays (typed or plain). @example util.arraysEqual([1, 2], [1, 2]) // true */
export function arraysEqual(n1: ArrayLike<unknown>, n2: ArrayLike<unknown>): boolean {
  if (n1 === n2) return true;
  if (n1 == null || n2 == null || n1.length !== n2.length) return false;
  for (let i = 0; i < n1.length; i++) if (n1[i] !== n2[i]) return false;
  return true;
}

/** Row-major strides of every axis but the last (TensorFlow.js's convention). @example util.computeStrides([2, 3, 4]) // [12, 4] */
export function computeStrides(shape: readonly number[]): number[] {
  return stridesOf(shape).slice(0, -1);
}

/** Whether `a` is an integer. @example util.isInt(3) // true */
export function isInt(a: number): boolean {
  return a % 1 === 0;
}

/** `x` limited to [min, max]. @example util.clamp(0, 5, 3) // 3 */
export function clamp(min: number, x: number, max: number): number {
  return Math.max(min, Math.min(x, max));
}

/** Bytes one element of `dtype` takes. @example util.bytesPerElement('float32') // 4 */
export function bytesPerElement(dtype: DType): number {
  return bytesOf(dtype);
}

/** Whether `a` is a Float32Array, Int32Array, Uint8Array or Uint8ClampedArray. @example util.isTypedArray(new Float32Array(2)) // true */
export function isTypedArray(a: unknown): a is Float32Array | Int32Array | Uint8Array | Uint8ClampedArray {
  return (
    a instanceof Float32Array || a instanceof Int32Array || a instanceof Uint8Array || a instanceof Uint8ClampedArray
  );
}

type Nested<T> = T | readonly Nested<T>[];

/**
 * Flattens nested arrays (and, unless `skipTypedArray`, typed arrays inside them) into one plain array.
 * @example util.flatten([[1, 2], [3, [4]]]) // → [1, 2, 3, 4]
 */
export function flatten<T>(arr: Nested<T>, result: T[] = [], skipTypedArray = false): T[] {
  if (Array.isArray(arr) || (isTypedArray(arr) && !skipTypedArray)) {
    for (let i = 0; i < (arr as ArrayLike<Nested<T>>).length; i++)
      flatten((arr as ArrayLike<Nested<T>>)[i]!, result, skipTypedArray);
  } else {
    result.push(arr as T);
  }
  return result;
}

/** Resolves a −1 entry of `shape` so that it holds `size` elements. @example util.inferFromImplicitShape([2, -1], 6) // [2, 3] */
export function inferFromImplicitShape(shape: readonly number[], size: number): number[] {
  const implicit = shape.indexOf(-1);
  if (implicit < 0) return [...shape];
  if (shape.indexOf(-1, implicit + 1) >= 0)
    throw new ValueError(`inferFromImplicitShape: shape ${fmtShape(shape)} has more than one -1`);
  const known = sizeOf(shape.filter((d) => d !== -1));
  if (known === 0 || size % known !== 0)
    throw new ShapeError(`inferFromImplicitShape: shape ${fmtShape(shape)} cannot hold ${size} elements`);
  return shape.map((d) => (d === -1 ? size / known : d));
}

/** Milliseconds with sub-millisecond resolution (performance.now). @example const t0 = util.now(); */
export function now(): number {
  return globalThis.performance.now();
}

/** UTF-8 bytes of `s`. @example util.encodeString('hé') // Uint8Array [104, 195, 169] */
export function encodeString(s: string, encoding = 'utf-8'): Uint8Array {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8')
    throw new ValueError(`encodeString: only utf-8 is supported, received '${encoding}'`);
  return new TextEncoder().encode(s);
}

/** The string `bytes` encode. @example util.decodeString(new Uint8Array([104, 105])) // 'hi' */
export function decodeString(bytes: Uint8Array, encoding = 'utf-8'): string {
  return new TextDecoder(encoding).decode(bytes);
}
