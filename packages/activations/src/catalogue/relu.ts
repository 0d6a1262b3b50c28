import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * Branch-free but for one branch that is (almost) never taken. `x > 0 ? x : 0` mispredicts on random signs and runs
 * ~5–15× slower on the CPU (PERF-NOTES); `Math.max` is as slow because of its NaN and −0 rules.
 * - f: x/2 + |x|/2 is exact (halving is exact; the sum is x or 0), maps −0 to +0 and NaN to NaN, and — unlike
 *   (x + |x|)/2 — cannot overflow where a backend computes in float32 (relu(3e38) = 3e38 on a GPU too). At −∞ it
 *   gives NaN (−∞ + ∞): the guard `x < −3.4e38` — true only for −∞ among float32 values, and harmless for any x that low —
 *   returns 0 there, as max(x, 0) does. Being predictable it costs little: on 1M random-sign floats through the CPU
 *   backend ~690 → ~565 M elements/s (a bare loop: ~950 → ~700), where `x > 0 ? x : 0` and Math.max run at 40–130.
 *   No all-arithmetic form can do without it: any sum of x and |x| meets ∞ − ∞, any product of a 0/1 step and x
 *   meets 0·∞.
 * - df: with s = x + |x| (0, or at least 2.8e−45 for a float32 input), 1 − 1/(1 + s·10⁷⁶) is exactly 0 or 1: the
 *   two factors of 1e38 push even the smallest float32 above 2⁵³. They stay within float32's range, so a GPU
 *   computing in float32 gets ∞ at worst (1/∞ = 0) instead of NaN. df(0) = df(−∞) = 0; NaN gives NaN.
 * @example
 * ```ts
 * import { reluFn } from '@rectify/activations';
 * [reluFn.f(-2, 0, 0), reluFn.df?.(-2, 0, 0)]; // → [0, 0]
 * ```
 */
export const reluFn = unaryFn({
  name: 'relu',
  f: (x) => (x < -3.4e38 ? 0 : x * 0.5 + Math.abs(x) * 0.5),
  df: (x) => (x < -3.4e38 ? 0 : 1 - 1 / (1 + (x + Math.abs(x)) * 1e38 * 1e38)),
  // f keeps x > 0 and sends the rest to 0, where df is 0 as it was at x.
  dfAtOutput: () => true,
});

/**
 * The registry's entry for `relu`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('relu')` instantiates it; `activations.relu` is this object.
 * @example
 * ```ts
 * import { reluDefinition } from '@rectify/activations';
 * [reluDefinition.name, reluDefinition.defaults, reluDefinition.recommendedInitializer]; // → ['relu', {}, 'heNormal']
 * ```
 */
export const reluDefinition = defineActivation({
  name: 'relu',
  describe: 'rectified linear unit: max(x, 0)',
  recommendedInitializer: 'heNormal',
  properties: {
    range: [0, Infinity],
    smooth: false,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  },
  kernel: () => ({ fn: reluFn }),
});

/**
 * Rectified linear unit.
 *
 * Formula: f(x) = max(x, 0). Derivative: f'(x) = 1 for x > 0, else 0 — including exactly 0 at x = 0, as
 * TensorFlow and PyTorch choose (any value in [0, 1] is a valid subgradient there).
 * NaN gives NaN; −0 gives +0; +∞ gives +∞; −∞ gives 0.
 * @param x - any tensor.
 * @returns max(x, 0), float32, same shape as x.
 * Reference: Nair & Hinton (2010); PyTorch `relu`, Keras `relu`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { relu } from '@rectify/activations';
 * relu(tensor([-2, 0, 3])); // → [0, 0, 3]
 * ```
 */
export function relu(x: TensorLike): Tensor {
  return callActivation(reluDefinition, x);
}
