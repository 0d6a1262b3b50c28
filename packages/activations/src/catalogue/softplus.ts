import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * The scalar function the backends compile for `softplus` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 *
 * log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)): no overflow at 1000, full relative accuracy at −20 and below.
 * @example
 * ```ts
 * import { softplusFn } from '@rectify/activations';
 * [softplusFn.f(0, 0, 0), softplusFn.df?.(0, 0, 0)]; // → [0.6931471805599453, 0.5]
 * ```
 */
export const softplusFn = unaryFn({
  name: 'softplus',
  f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  df: (x) => 1 / (1 + Math.exp(-x)),
});

/**
 * The registry's entry for `softplus`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('softplus')` instantiates it; `activations.softplus` is this object.
 * @example
 * ```ts
 * import { softplusDefinition } from '@rectify/activations';
 * [softplusDefinition.name, softplusDefinition.defaults, softplusDefinition.recommendedInitializer]; // → ['softplus', {}, 'glorotUniform']
 * ```
 */
export const softplusDefinition = defineActivation({
  name: 'softplus',
  describe: 'smooth ReLU: log(1 + eˣ)',
  recommendedInitializer: 'glorotUniform',
  properties: {
    range: [0, Infinity],
    smooth: true,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    // Never exactly zero, so "output > 0" would call every unit active; saturation of f' is the better test.
    reluFamily: false,
    elementwise: true,
  },
  kernel: () => ({ fn: softplusFn }),
});

/**
 * Softplus: a smooth approximation of ReLU, and the log-partition of a Bernoulli.
 *
 * Formula: f(x) = log(1 + eˣ). Derivative: f'(x) = σ(x).
 * softplus(1000) = 1000, softplus(−1000) = 0, no overflow.
 * @param x - any tensor.
 * @returns float32 in [0, ∞), same shape as x.
 * Reference: Dugas et al. (2001); PyTorch `Softplus` (β = 1), Keras `softplus`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { softplus } from '@rectify/activations';
 * softplus(tensor([0, 1000])); // → [6.9315e-01, 1.0000e+03]
 * ```
 */
export function softplus(x: TensorLike): Tensor {
  return callActivation(softplusDefinition, x);
}
