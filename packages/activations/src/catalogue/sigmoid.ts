import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * 1/(1 + e^(−x)) needs no branch: for x → −∞ the exponential overflows to ∞ and the result is exactly 0; relative
 * accuracy holds everywhere. The derivative σ(1 − σ) would lose all its digits for x > 20 (1 − σ cancels), so it
 * is written symmetrically as e^(−|x|) / (1 + e^(−|x|))².
 * @example
 * ```ts
 * import { sigmoidFn } from '@rectify/activations';
 * [sigmoidFn.f(0, 0, 0), sigmoidFn.df?.(0, 0, 0)]; // → [0.5, 0.25]
 * ```
 */
export const sigmoidFn = unaryFn({
  name: 'sigmoid',
  f: (x) => 1 / (1 + Math.exp(-x)),
  df: (x) => {
    const e = Math.exp(-Math.abs(x));
    return e / ((1 + e) * (1 + e));
  },
});

/**
 * The registry's entry for `sigmoid`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('sigmoid')` instantiates it; `activations.sigmoid` is this object.
 * @example
 * ```ts
 * import { sigmoidDefinition } from '@rectify/activations';
 * [sigmoidDefinition.name, sigmoidDefinition.defaults, sigmoidDefinition.recommendedInitializer]; // → ['sigmoid', {}, 'glorotUniform']
 * ```
 */
export const sigmoidDefinition = defineActivation({
  name: 'sigmoid',
  describe: 'logistic sigmoid: 1 / (1 + e^(−x))',
  recommendedInitializer: 'glorotUniform',
  properties: {
    range: [0, 1],
    smooth: true,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: false,
    elementwise: true,
  },
  kernel: () => ({ fn: sigmoidFn }),
});

/**
 * Logistic sigmoid: squashes to (0, 1); the output of binary classifiers and the gates of LSTMs.
 *
 * Formula: σ(x) = 1 / (1 + e^(−x)). Derivative: σ'(x) = σ(x)(1 − σ(x)), at most 1/4.
 * Saturates: σ'(x) < 1e−3 for |x| > 6.9. σ(−1000) = 0, σ(1000) = 1, never NaN.
 * @param x - any tensor.
 * @returns float32 in [0, 1], same shape as x.
 * Reference: PyTorch `Sigmoid`, Keras `sigmoid`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { sigmoid } from '@rectify/activations';
 * sigmoid(tensor([-1000, 0, 1000])); // → [0, 0.5, 1]
 * ```
 */
export function sigmoid(x: TensorLike): Tensor {
  return callActivation(sigmoidDefinition, x);
}
