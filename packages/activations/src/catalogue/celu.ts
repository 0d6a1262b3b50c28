import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';
import { numberOption } from '../options.js';

/**
 * The scalar function the backends compile for `celu` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 * @example
 * ```ts
 * import { celuFn } from '@rectify/activations';
 * [celuFn.f(-1, 2, 0), celuFn.df?.(-1, 2, 0)]; // → [-0.7869386805747332, 0.6065306597126334]
 * ```
 */
export const celuFn = unaryFn({
  name: 'celu',
  f: (x, a) => (x > 0 ? x : a * Math.expm1(x / a)),
  df: (x, a) => (x > 0 ? 1 : Math.exp(x / a)),
});

/**
 * The options of {@link celu}; unknown or ill-typed options are errors naming the option.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { celu, type CeluOptions } from '@rectify/activations';
 * const options: CeluOptions = { alpha: 2 };
 * celu(tensor([[-1, 2], [3, 4]]), options).arraySync(); // → [[-0.7869386672973633,2],[3,4]]
 * ```
 */
export interface CeluOptions {
  /** Positive; the negative saturation value is −alpha. Default 1. */
  readonly alpha?: number;
}

/**
 * The registry's entry for `celu`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('celu')` instantiates it; `activations.celu` is this object.
 * @example
 * ```ts
 * import { celuDefinition } from '@rectify/activations';
 * [celuDefinition.name, celuDefinition.defaults, celuDefinition.recommendedInitializer]; // → ['celu', { alpha: 1 }, 'heNormal']
 * ```
 */
export const celuDefinition = defineActivation({
  name: 'celu',
  describe: 'continuously differentiable ELU: x for x > 0, alpha·(e^(x/alpha) − 1) otherwise',
  recommendedInitializer: 'heNormal',
  options: { alpha: numberOption(1, { positive: true }) },
  properties: ({ alpha }) => ({
    range: [-alpha, Infinity],
    smooth: true,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  }),
  kernel: ({ alpha }) => ({ fn: celuFn, a: alpha }),
});

/**
 * Continuously differentiable ELU: the negative branch is rescaled so that the slope at 0 is 1 for every α.
 *
 * Formula: f(x) = max(0, x) + min(0, α(e^(x/α) − 1)). Derivative: f'(x) = 1 for x > 0, e^(x/α) otherwise.
 * @param x - any tensor.
 * @param options.alpha - positive, default 1 (celu with α = 1 is elu).
 * @returns float32, same shape as x.
 * Reference: Barron, "Continuously Differentiable Exponential Linear Units" (2017); PyTorch `CELU`, Keras `celu`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { celu } from '@rectify/activations';
 * celu(tensor([-1e4, 3]), { alpha: 2 }); // → [-2, 3]
 * ```
 */
export function celu(x: TensorLike, options?: CeluOptions): Tensor {
  return callActivation(celuDefinition, x, options);
}
