import type { ReduceOp } from '../backend/kernels.js';
import { engine } from '../engine.js';
import { DTypeError, ShapeError, fmtShape } from '../errors.js';
import { normalizeAxes, normalizeAxis, reducedShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { add, div, exp, isFinite, log, squaredDifference, sub, where } from './elementwise.js';
import { reshape } from './shape.js';
import { scalar } from './creation.js';

export type Axis = number | readonly number[];

function reduceOp(name: string, op: ReduceOp) {
  return (x: TensorLike, axis?: Axis | null, keepDims = false): Tensor => {
    const t = toTensor(x, 'x', name);
    if ((op === 'any' || op === 'all') && t.dtype !== 'bool') {
      throw new DTypeError(`${name}: 'x' must have dtype bool, received ${t.dtype}`);
    }
    const axes = normalizeAxes(name, axis, t.rank);
    if (axes.length === 0) return engine.view('identity', t, t.shape);
    const r = engine.runKernel('reduce', [t], { axes, op });
    return keepDims ? reshape(r, reducedShape(t.shape, axes, true)) : r;
  };
}

/** Sum over `axis` (all axes when omitted). @example sum(tensor([[1, 2], [3, 4]]), 1) // [3, 7] */
export const sum = reduceOp('sum', 'sum');
/** @example max(tensor([[1, 5], [3, 4]]), 0) // → [3, 5] */
export const max = reduceOp('max', 'max');
/** @example min(tensor([1, 5])) // → 1 */
export const min = reduceOp('min', 'min');
/** @example prod(tensor([2, 3])) // → 6 */
export const prod = reduceOp('prod', 'prod');
/** @example any(tensor([false, true])) // → true */
export const any = reduceOp('any', 'any');
/** @example all(tensor([false, true])) // → false */
export const all = reduceOp('all', 'all');

function countOf(t: Tensor, axes: readonly number[]): number {
  return axes.reduce((n, a) => n * t.shape[a]!, 1);
}

/** Arithmetic mean (float32). @example mean(tensor([1, 2, 3, 4])) // → 2.5 */
export function mean(x: TensorLike, axis?: Axis | null, keepDims = false): Tensor {
  const t = toTensor(x, 'x', 'mean');
  const axes = normalizeAxes('mean', axis, t.rank);
  return div(sum(t, axes, keepDims), countOf(t, axes));
}

/** Mean and (population) variance over `axis`. @example moments(tensor([1, 3]), 0) // → { mean: 2, variance: 1 } */
export function moments(x: TensorLike, axis?: Axis | null, keepDims = false): { mean: Tensor; variance: Tensor } {
  const t = toTensor(x, 'x', 'moments');
  const axes = normalizeAxes('moments', axis, t.rank);
  const m = mean(t, axes, true);
  const variance = mean(squaredDifference(t, m), axes, keepDims);
  return { mean: keepDims ? m : reshape(m, reducedShape(t.shape, axes, false)), variance };
}

/** Population variance (divides by N, as NumPy's default). @example variance(tensor([1, 3])) // 1 */
export function variance(x: TensorLike, axis?: Axis | null, keepDims = false): Tensor {
  return moments(x, axis, keepDims).variance;
}

/**
 * The max over `axes` (kept), the shift that keeps exp() from overflowing in logSumExp and logSoftmax. It cancels
 * out of their values and gradients, so it is computed unrecorded: autograd then skips a max-reduction backward
 * pass that could only add rounding error. An all −∞ (or +∞) slice shifts by 0, which keeps −∞ instead of NaN.
 * @example stableShift(tensor([[1, 5], [2, 0]]), [1]) // → [[5], [2]]
 */
export function stableShift(t: Tensor, axes: readonly number[]): Tensor {
  return engine.withoutListeners(() => {
    const mx = max(t, axes, true);
    return where(isFinite(mx), mx, scalar(0));
  });
}

/**
 * log(Σ eˣ) computed as m + log(Σ e^(x−m)) with m the max, so that it never overflows.
 * @example logSumExp(tensor([1e4, 1e4])) // 1e4 + log 2
 */
export function logSumExp(x: TensorLike, axis?: Axis | null, keepDims = false): Tensor {
  const t = toTensor(x, 'x', 'logSumExp');
  const axes = normalizeAxes('logSumExp', axis, t.rank);
  const shift = stableShift(t, axes);
  const lse = add(log(sum(exp(sub(t, shift)), axes, true)), shift);
  return keepDims ? lse : reshape(lse, reducedShape(t.shape, axes, false));
}

function argReduce(name: 'argMax' | 'argMin', op: 'argmax' | 'argmin') {
  return (x: TensorLike, axis = 0): Tensor => {
    const t = toTensor(x, 'x', name);
    if (t.dtype === 'bool') throw new DTypeError(`${name}: 'x' must have dtype float32 or int32, received bool`);
    const a = normalizeAxis(name, axis, t.rank);
    if (t.shape[a] === 0)
      throw new ShapeError(`${name}: axis ${a} of ${fmtShape(t.shape)} is empty; there is no index to return`);
    return engine.runKernel('argReduce', [t], { axis: a, op });
  };
}

/** Index of the largest value along `axis` (default 0, as in TensorFlow.js). @example argMax(tensor([1, 9, 3])) // 1 */
export const argMax = argReduce('argMax', 'argmax');
/** @example argMin(tensor([4, 1, 3])) // → 1 */
export const argMin = argReduce('argMin', 'argmin');
