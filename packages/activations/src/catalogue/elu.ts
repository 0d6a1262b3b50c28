import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';
import { numberOption } from '../options.js';

/**
 * The scalar function the backends compile for `elu` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 *
 * The ternary skips the exponential for half of the inputs, which outweighs its mispredictions (measured). expm1
 * keeps α(eˣ − 1) accurate near 0; at −∞ it gives −α.
 * @example
 * ```ts
 * import { eluFn } from '@rectify/activations';
 * [eluFn.f(-1, 0.5, 0), eluFn.df?.(-1, 0.5, 0)]; // → [-0.31606027941427883, 0.18393972058572117]
 * ```
 */
export const eluFn = unaryFn({
  name: 'elu',
  f: (x, a) => (x > 0 ? x : a * Math.expm1(x)),
  df: (x, a) => (x > 0 ? 1 : a * Math.exp(x)),
});

/**
 * The options of {@link elu}; unknown or ill-typed options are errors naming the option.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { elu, type EluOptions } from '@rectify/activations';
 * const options: EluOptions = { alpha: 0.5 };
 * elu(tensor([[-1, 2], [3, 4]]), options).arraySync(); // → [[-0.31606027483940125,2],[3,4]]
 * ```
 */
export interface EluOptions {
  /** The negative saturation value is −alpha. Default 1. */
  readonly alpha?: number;
}

/**
 * The registry's entry for `elu`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('elu')` instantiates it; `activations.elu` is this object.
 * @example
 * ```ts
 * import { eluDefinition } from '@rectify/activations';
 * [eluDefinition.name, eluDefinition.defaults, eluDefinition.recommendedInitializer]; // → ['elu', { alpha: 1 }, 'heNormal']
 * ```
 */
export const eluDefinition = defineActivation({
  name: 'elu',
  describe: 'exponential linear unit: x for x > 0, alpha·(eˣ − 1) otherwise',
  recommendedInitializer: 'heNormal',
  options: { alpha: numberOption(1) },
  properties: ({ alpha }) => ({
    range: [Math.min(-alpha, 0), Infinity],
    smooth: alpha === 1,
    monotonic: alpha >= 0,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  }),
  kernel: ({ alpha }) => ({ fn: eluFn, a: alpha }),
});

/**
 * Exponential linear unit: identity for positive inputs, a smooth saturation to −α for negative ones, which pulls
 * mean activations towards zero.
 *
 * Formula: f(x) = x for x > 0, α(eˣ − 1) otherwise. Derivative: f'(x) = 1 for x > 0, α·eˣ otherwise (α at 0, as
 * PyTorch). Smooth (C¹) only for α = 1. Finite for every finite input: f(−1e4) = −α.
 * @param x - any tensor.
 * @param options.alpha - default 1.
 * @returns float32, same shape as x.
 * Reference: Clevert et al. (2015); PyTorch `ELU`, Keras `elu`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { elu } from '@rectify/activations';
 * elu(tensor([-1e4, 0, 2])); // → [-1, 0, 2]
 * ```
 */
export function elu(x: TensorLike, options?: EluOptions): Tensor {
  return callActivation(eluDefinition, x, options);
}
