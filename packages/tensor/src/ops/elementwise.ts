import { type DType, upcast } from '../dtype.js';
import { engine } from '../engine.js';
import { DTypeError, ShapeError, ValueError, fmtShape } from '../errors.js';
import * as m from '../math-fns.js';
import type { BinaryFn, UnaryFn } from '../scalar-fn.js';
import { shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';
import { type TensorLike, operands, toTensor } from './convert.js';

/**
 * Applies a scalar function elementwise — the one entry point for activations and unary math. Backends compile
 * `fn` into a fused kernel; autograd differentiates it with `fn.df`.
 * @example mapUnary(tensor([0]), mathFns.sigmoidFn) // → [0.5]
 */
export function mapUnary(x: TensorLike, fn: UnaryFn, a = 0, b = 0): Tensor {
  let t = toTensor(x, 'x', fn.name);
  // A bool result of arithmetic such as neg or square would be reinterpreted as 0/1: compute it in int32.
  if (t.dtype === 'bool' && fn.out === 'same') t = cast(t, 'int32');
  return engine.runKernel('unary', [t], { fn, a, b });
}

/** `dy * fn.df(x, a, b)` in one pass: the backward of {@link mapUnary}. @example mapUnaryGrad(tensor([0]), tensor([2]), mathFns.tanhFn) // → [2] */
export function mapUnaryGrad(x: Tensor, dy: Tensor, fn: UnaryFn, a = 0, b = 0): Tensor {
  if (!shapesEqual(x.shape, dy.shape)) {
    throw new ShapeError(
      `${fn.name} gradient: dy shape ${fmtShape(dy.shape)} differs from x shape ${fmtShape(x.shape)}`,
    );
  }
  return engine.runKernel('unaryGrad', [x, dy], { fn, a, b });
}

/**
 * Applies a binary scalar function with NumPy broadcasting. The result dtype follows `fn.out`: NumPy promotion
 * (bool < int32 < float32), always float32, or bool.
 * @example mapBinary(tensor([1, 2]), tensor([3, 4]), binaryFn({ name: 'hypot', f: (x, y) => Math.hypot(x, y), out: 'float32' }))
 */
export function mapBinary(x: TensorLike, y: TensorLike, fn: BinaryFn): Tensor {
  const [tx, ty] = operands(fn.name, x, y);
  const dtype: DType = fn.out === 'bool' ? 'bool' : fn.out === 'float32' ? 'float32' : upcast(tx.dtype, ty.dtype);
  return engine.runKernel('binary', [tx, ty], { fn, dtype });
}

const unary =
  (fn: UnaryFn) =>
  (x: TensorLike): Tensor =>
    mapUnary(x, fn);
const binary =
  (fn: BinaryFn) =>
  (a: TensorLike, b: TensorLike): Tensor =>
    mapBinary(a, b, fn);
/** Logical ops take bool tensors only (as TensorFlow.js); plain true/false values are accepted. */
const logical =
  (fn: BinaryFn) =>
  (a: TensorLike, b: TensorLike): Tensor => {
    const [ta, tb] = operands(fn.name, a, b);
    if (ta.dtype !== 'bool') throw new DTypeError(`${fn.name}: 'a' must have dtype bool, received ${ta.dtype}`);
    if (tb.dtype !== 'bool') throw new DTypeError(`${fn.name}: 'b' must have dtype bool, received ${tb.dtype}`);
    return engine.runKernel('binary', [ta, tb], { fn, dtype: 'bool' });
  };

/** −x. @example neg(tensor([1, -2])) // [-1, 2] */
export const neg = unary(m.negFn);
/** |x|. @example abs(tensor([-1, 2])) */
export const abs = unary(m.absFn);
/** eˣ. @example exp(tensor([0, 1])) */
export const exp = unary(m.expFn);
/** eˣ − 1, accurate near 0. @example expm1(tensor([1e-8])) */
export const expm1 = unary(m.expm1Fn);
/** Natural logarithm. @example log(tensor([1, Math.E])) */
export const log = unary(m.logFn);
/** log(1 + x), accurate near 0. @example log1p(tensor([1e-8])) */
export const log1p = unary(m.log1pFn);
/** @example sqrt(tensor([4, 9])) */
export const sqrt = unary(m.sqrtFn);
/** 1/√x. @example rsqrt(tensor([4])) */
export const rsqrt = unary(m.rsqrtFn);
/** x². @example square(tensor([3])) */
export const square = unary(m.squareFn);
/** 1/x. @example reciprocal(tensor([4])) */
export const reciprocal = unary(m.reciprocalFn);
/** −1, 0 or 1. @example sign(tensor([-3, 0, 2])) */
export const sign = unary(m.signFn);
/** @example floor(tensor([1.5])) */
export const floor = unary(m.floorFn);
/** @example ceil(tensor([1.5])) */
export const ceil = unary(m.ceilFn);
/** Round half to even. @example round(tensor([0.5, 1.5])) // [0, 2] */
export const round = unary(m.roundFn);
/** @example sin(tensor([0])) */
export const sin = unary(m.sinFn);
/** @example cos(tensor([0])) */
export const cos = unary(m.cosFn);
/** @example tanh(tensor([0.5])) */
export const tanh = unary(m.tanhFn);
/** 1 / (1 + e⁻ˣ), stable for large |x|. @example sigmoid(tensor([0])) // [0.5] */
export const sigmoid = unary(m.sigmoidFn);
/** log(1 + eˣ), stable for large |x|. @example softplus(tensor([0])) */
export const softplus = unary(m.softplusFn);
/** @example isNaN(tensor([NaN, 1])) // → [true, false] */
export const isNaN = unary(m.isNaNFn);
/** @example isFinite(tensor([Infinity, 1])) */
export const isFinite = unary(m.isFiniteFn);
/** @example logicalNot(tensor([true, false])) // → [false, true] */
export function logicalNot(x: TensorLike): Tensor {
  const t = toTensor(x, 'x', 'logicalNot');
  if (t.dtype !== 'bool') throw new DTypeError(`logicalNot: 'x' must have dtype bool, received ${t.dtype}`);
  return mapUnary(t, m.logicalNotFn);
}

/**
 * Limits values to [min, max]; the gradient flows where min <= x <= max.
 * @example clipByValue(tensor([-2, 0.5, 3]), 0, 1) // → [0, 0.5, 1]
 */
export function clipByValue(x: TensorLike, min: number, max: number): Tensor {
  if (!(min <= max)) throw new ValueError(`clipByValue: min must be <= max, received min=${min}, max=${max}`);
  return mapUnary(x, m.clipFn, min, max);
}
/** Alias of {@link clipByValue}, as NumPy and PyTorch name it. @example clip(tensor([-2, 2]), -1, 1) // [-1, 1] */
export const clip = clipByValue;

/** @example add(tensor([1, 2]), 1) // → [2, 3] */
export const add = binary(m.addFn);
/** @example sub(tensor([1, 2]), 1) */
export const sub = binary(m.subFn);
/** @example mul(tensor([1, 2]), tensor([[1], [2]])) // broadcasts to [2, 2] */
export const mul = binary(m.mulFn);
/** True division (always float32). @example div(tensor([1, 2]), 2) */
export const div = binary(m.divFn);
/** @example pow(tensor([2, 3]), 2) */
export const pow = binary(m.powFn);
/** Elementwise max; NaN propagates. @example maximum(tensor([1, 5]), 3) */
export const maximum = binary(m.maximumFn);
/** Elementwise min; NaN propagates. @example minimum(tensor([1, 5]), 3) */
export const minimum = binary(m.minimumFn);
/** (a − b)². @example squaredDifference(tensor([1]), tensor([3])) // [4] */
export const squaredDifference = binary(m.squaredDifferenceFn);
/** Floor modulo (sign of the divisor). @example mod(tensor([-1]), 3) // [2] */
export const mod = binary(m.modFn);
/** @example floorDiv(tensor([7]), 2) // → [3] */
export const floorDiv = binary(m.floorDivFn);
/** @example equal(tensor([1, 2]), 2) // → [false, true] */
export const equal = binary(m.equalFn);
/** @example notEqual(tensor([1, 2]), 2) */
export const notEqual = binary(m.notEqualFn);
/** @example less(tensor([1, 2]), 2) */
export const less = binary(m.lessFn);
/** @example lessEqual(tensor([1, 2]), 2) */
export const lessEqual = binary(m.lessEqualFn);
/** @example greater(tensor([1, 2]), 1) */
export const greater = binary(m.greaterFn);
/** @example greaterEqual(tensor([1, 2]), 2) */
export const greaterEqual = binary(m.greaterEqualFn);
/** @example logicalAnd(tensor([true, true]), tensor([true, false])) */
export const logicalAnd = logical(m.logicalAndFn);
/** @example logicalOr(tensor([true, false]), tensor([false, false])) */
export const logicalOr = logical(m.logicalOrFn);
/** @example logicalXor(tensor([true, false]), tensor([true, true])) */
export const logicalXor = logical(m.logicalXorFn);

/**
 * Picks `a` where `condition` is true, else `b`; all three broadcast together.
 * @example where(tensor([true, false]), tensor([1, 2]), tensor([9, 9])) // → [1, 9]
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = toTensor(condition, 'condition', 'where');
  if (c.dtype !== 'bool') throw new DTypeError(`where: 'condition' must have dtype bool, received ${c.dtype}`);
  let [ta, tb] = operands('where', a, b);
  const dtype = ta.dtype === tb.dtype ? ta.dtype : upcast(ta.dtype, tb.dtype);
  // Kernels see both branches in the result dtype, so no backend has to mix dtypes in one loop.
  if (ta.dtype !== dtype) ta = cast(ta, dtype);
  if (tb.dtype !== dtype) tb = cast(tb, dtype);
  return engine.runKernel('where', [c, ta, tb], { dtype });
}

/** Converts to another dtype (float → int32 truncates toward zero; non-zero → true). @example cast(tensor([1.7, -1.7]), 'int32') // → [1, -1] */
export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor(x, 'x', 'cast');
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') {
    throw new DTypeError(`cast: dtype must be 'float32', 'int32' or 'bool', received ${JSON.stringify(dtype)}`);
  }
  if (t.dtype === dtype) return engine.view('identity', t, t.shape);
  return engine.runKernel('cast', [t], { dtype });
}
