import * as m from '../math-fns.js';
import type { Tensor } from '../tensor.js';
import type { TensorLike } from './convert.js';
import { mapBinary, mapUnary } from './elementwise.js';

/** @example tan(tensor([0])) // → [0] */
export const tan = (x: TensorLike): Tensor => mapUnary(x, m.tanFn);
/** @example asin(tensor([1])) // [π/2] */
export const asin = (x: TensorLike): Tensor => mapUnary(x, m.asinFn);
/** @example acos(tensor([1])) // → [0] */
export const acos = (x: TensorLike): Tensor => mapUnary(x, m.acosFn);
/** @example atan(tensor([1])) // [π/4] */
export const atan = (x: TensorLike): Tensor => mapUnary(x, m.atanFn);
/** @example sinh(tensor([0])) // → [0] */
export const sinh = (x: TensorLike): Tensor => mapUnary(x, m.sinhFn);
/** @example cosh(tensor([0])) // → [1] */
export const cosh = (x: TensorLike): Tensor => mapUnary(x, m.coshFn);
/** @example asinh(tensor([0])) // → [0] */
export const asinh = (x: TensorLike): Tensor => mapUnary(x, m.asinhFn);
/** @example acosh(tensor([1])) // → [0] */
export const acosh = (x: TensorLike): Tensor => mapUnary(x, m.acoshFn);
/** @example atanh(tensor([0.5])) // → [0.5493061] */
export const atanh = (x: TensorLike): Tensor => mapUnary(x, m.atanhFn);
/** The Gauss error function, accurate to float32 rounding near 0 too. @example erf(tensor([0, 1])) // [0, 0.8427008] */
export const erf = (x: TensorLike): Tensor => mapUnary(x, m.erfFn);
/** log σ(x) = −softplus(−x). @example logSigmoid(tensor([0])) // [-0.6931472] */
export const logSigmoid = (x: TensorLike): Tensor => mapUnary(x, m.logSigmoidFn);
/** Whether each value is +∞ or −∞. @example isInf(tensor([Infinity, 1])) // [true, false] */
export const isInf = (x: TensorLike): Tensor => mapUnary(x, m.isInfFn);

/**
 * 1 where x > 0, else `alpha` (default 0) — TensorFlow.js's `step`. NaN stays NaN.
 * @example step(tensor([-1, 2]), 0.5) // → [0.5, 1]
 */
export function step(x: TensorLike, alpha = 0): Tensor {
  return mapUnary(x, m.stepFn, alpha);
}

/** The angle of the point (b, a): atan2(a, b), in (−π, π]. @example atan2(tensor([1]), tensor([1])) // [π/4] */
export const atan2 = (a: TensorLike, b: TensorLike): Tensor => mapBinary(a, b, m.atan2Fn);
/** a / b, with 0 wherever b is 0. @example divNoNan(tensor([1, 2]), tensor([0, 4])) // [0, 0.5] */
export const divNoNan = (a: TensorLike, b: TensorLike): Tensor => mapBinary(a, b, m.divNoNanFn);
