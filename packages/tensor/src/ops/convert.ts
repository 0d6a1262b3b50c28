import { allocate, type DType, isDType, type TypedArray } from '../dtype.js';
import { engine } from '../engine.js';
import { DTypeError, ShapeError, ValueError, fmtShape } from '../errors.js';
import { assertValidShape, sizeOf } from '../shape.js';
import { Tensor, type NestedArray } from '../tensor.js';

export type TensorLike = Tensor | NestedArray | TypedArray;

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0] as NestedArray;
  }
  return shape;
}

function flatten(values: NestedArray, shape: readonly number[], out: (number | boolean)[], depth = 0): void {
  if (!Array.isArray(values)) {
    if (depth !== shape.length) {
      throw new ShapeError(
        `tensor: nested arrays are ragged: expected an array of length ${shape[depth]} at depth ${depth}, found ${JSON.stringify(values)}`,
      );
    }
    out.push(values);
    return;
  }
  if (values.length !== shape[depth]) {
    const expected = depth < shape.length ? `length ${shape[depth]}` : 'a number';
    throw new ShapeError(
      `tensor: nested arrays are ragged: expected ${expected} at depth ${depth}, found an array of length ${values.length}`,
    );
  }
  for (const v of values) flatten(v, shape, out, depth + 1);
}

function inferDType(values: TypedArray | NestedArray): DType {
  // As TensorFlow.js: bytes (image pixels, MNIST labels) are integers, not booleans; only JS booleans infer bool.
  if (values instanceof Int32Array || values instanceof Uint8Array) return 'int32';
  if (values instanceof Float32Array) return 'float32';
  let v: NestedArray = values as NestedArray;
  while (Array.isArray(v)) v = v[0] as NestedArray;
  return typeof v === 'boolean' ? 'bool' : 'float32';
}

/**
 * Creates a tensor from nested arrays, or from a flat array or typed array plus a shape (as TensorFlow.js does).
 *
 * @example
 * tensor([[1, 2], [3, 4]]);               // shape [2, 2], float32
 * tensor(new Float32Array(6), [2, 3]);    // flat values + shape
 * tensor([1, 0, 2], undefined, 'int32');
 */
export function tensor(values: TypedArray | NestedArray, shape?: readonly number[], dtype?: DType): Tensor {
  if (dtype !== undefined && !isDType(dtype)) {
    throw new DTypeError(`tensor: dtype must be 'float32', 'int32' or 'bool', received ${JSON.stringify(dtype)}`);
  }
  const dt = dtype ?? inferDType(values);
  let flat: ArrayLike<number | boolean>;
  let inferred: number[];
  if (ArrayBuffer.isView(values)) {
    flat = values;
    inferred = [values.length];
  } else {
    inferred = inferShape(values);
    const out: (number | boolean)[] = [];
    flatten(values, inferred, out);
    flat = out;
    for (const v of out) {
      if (typeof v !== 'number' && typeof v !== 'boolean') {
        throw new ValueError(`tensor: values must be numbers or booleans, received ${typeof v} (${JSON.stringify(v)})`);
      }
    }
  }
  const finalShape = shape ?? inferred;
  assertValidShape('tensor', finalShape);
  const size = sizeOf(finalShape);
  if (flat.length !== size) {
    if (flat.length === 1 && shape !== undefined) {
      const filled = allocate(dt, size);
      filled.fill(Number(flat[0]));
      return engine.makeTensor(filled, finalShape, dt);
    }
    throw new ShapeError(`tensor: ${flat.length} values do not fill shape ${fmtShape(finalShape)} (${size} needed)`);
  }
  const typed = allocate(dt, size);
  if (dt === 'bool') for (let i = 0; i < size; i++) typed[i] = flat[i] ? 1 : 0;
  else for (let i = 0; i < size; i++) typed[i] = Number(flat[i]);
  return engine.makeTensor(typed, finalShape, dt);
}

function leaves(x: NestedArray, visit: (v: number | boolean) => boolean): boolean {
  if (Array.isArray(x)) return x.every((v) => leaves(v, visit));
  return visit(x);
}

/**
 * The dtype a plain JS value takes next to a tensor of dtype `other` (weak typing, as in NumPy 2 and JAX):
 * it adopts `other` when its values fit — `add(intTensor, 2)` stays int32 — and floats otherwise, so that
 * `add(intTensor, 1.5)` is 2.5, never a silently truncated 2.
 */
export function weakDType(x: TensorLike, other: DType): DType | undefined {
  if (x instanceof Tensor || ArrayBuffer.isView(x)) return undefined;
  const isBool = leaves(x, (v) => typeof v === 'boolean');
  if (isBool) return other;
  const isInt = leaves(x, (v) => typeof v !== 'number' || Number.isInteger(v));
  if (other === 'float32') return 'float32';
  return isInt ? 'int32' : 'float32';
}

/** The tensor behind an op argument: tensors pass through (checked alive), numbers and arrays are converted. @example toTensor([1, 2], 'x', 'myOp') */
export function toTensor(x: TensorLike, arg: string, op: string, dtype?: DType): Tensor {
  if (x instanceof Tensor) {
    x.assertAlive(op);
    return x;
  }
  if (typeof x === 'number' || typeof x === 'boolean' || Array.isArray(x) || ArrayBuffer.isView(x)) {
    return tensor(x as NestedArray, undefined, dtype ?? (typeof x === 'number' ? 'float32' : undefined));
  }
  throw new ValueError(
    `${op}: argument '${arg}' must be a Tensor, number or array, received ${x === null ? 'null' : typeof x}`,
  );
}

/** Converts two operands; a plain value next to a tensor takes that tensor's dtype when its values fit. @example operands('add', intTensor, 2) */
export function operands(
  op: string,
  x: TensorLike,
  y: TensorLike,
  names: readonly [string, string] = ['a', 'b'],
): [Tensor, Tensor] {
  if (x instanceof Tensor || !(y instanceof Tensor)) {
    const tx = toTensor(x, names[0], op);
    return [tx, toTensor(y, names[1], op, weakDType(y, tx.dtype))];
  }
  return [toTensor(x, names[0], op, weakDType(x, y.dtype)), toTensor(y, names[1], op)];
}
