import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * The scalar function the backends compile for `selu` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 *
 * scale = 1.0507009873554805, alpha = 1.6732632423543772 (Klambauer et al.); the product folds at compile time.
 * @example
 * ```ts
 * import { seluFn } from '@rectify/activations';
 * [seluFn.f(-1, 0, 0), seluFn.df?.(-1, 0, 0)]; // → [-1.1113307378125625, 0.646768603034814]
 * ```
 */
export const seluFn = unaryFn({
  name: 'selu',
  f: (x) => (x > 0 ? 1.0507009873554805 * x : 1.0507009873554805 * 1.6732632423543772 * Math.expm1(x)),
  df: (x) => (x > 0 ? 1.0507009873554805 : 1.0507009873554805 * 1.6732632423543772 * Math.exp(x)),
});

/**
 * The registry's entry for `selu`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('selu')` instantiates it; `activations.selu` is this object.
 * @example
 * ```ts
 * import { seluDefinition } from '@rectify/activations';
 * [seluDefinition.name, seluDefinition.defaults, seluDefinition.recommendedInitializer]; // → ['selu', {}, 'lecunNormal']
 * ```
 */
export const seluDefinition = defineActivation({
  name: 'selu',
  describe: 'scaled ELU whose fixed point keeps activations at mean 0, variance 1',
  recommendedInitializer: 'lecunNormal',
  properties: {
    range: [-1.0507009873554805 * 1.6732632423543772, Infinity],
    smooth: false,
    monotonic: true,
    zeroCentred: true,
    selfNormalizing: true,
    reluFamily: true,
    elementwise: true,
  },
  kernel: () => ({ fn: seluFn }),
});

/**
 * Scaled exponential linear unit. With lecunNormal weights (and AlphaDropout), activations converge to mean 0 and
 * variance 1 through a deep stack without normalization layers.
 *
 * Formula: f(x) = λx for x > 0, λα(eˣ − 1) otherwise, with α ≈ 1.6732632423543772, λ ≈ 1.0507009873554805.
 * Derivative: f'(x) = λ for x > 0, λα·eˣ otherwise. Finite everywhere: f(−1e4) = −λα ≈ −1.7581.
 * @param x - any tensor.
 * @returns float32, same shape as x.
 * Reference: Klambauer et al., "Self-Normalizing Neural Networks" (2017); PyTorch `SELU`, Keras `selu`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { selu } from '@rectify/activations';
 * selu(tensor([-1e4, 1])); // → [-1.7581, 1.0507]
 * ```
 */
export function selu(x: TensorLike): Tensor {
  return callActivation(seluDefinition, x);
}
