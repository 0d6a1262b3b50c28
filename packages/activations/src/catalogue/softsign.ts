import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * The scalar function the backends compile for `softsign` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 * @example
 * ```ts
 * import { softsignFn } from '@rectify/activations';
 * [softsignFn.f(1, 0, 0), softsignFn.df?.(1, 0, 0)]; // → [0.5, 0.25]
 * ```
 */
export const softsignFn = unaryFn({
  name: 'softsign',
  f: (x) => x / (1 + Math.abs(x)),
  df: (x) => 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))),
});

/**
 * The registry's entry for `softsign`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('softsign')` instantiates it; `activations.softsign` is this object.
 * @example
 * ```ts
 * import { softsignDefinition } from '@rectify/activations';
 * [softsignDefinition.name, softsignDefinition.defaults, softsignDefinition.recommendedInitializer]; // → ['softsign', {}, 'glorotUniform']
 * ```
 */
export const softsignDefinition = defineActivation({
  name: 'softsign',
  describe: 'x / (1 + |x|): a tanh-like squashing with polynomial tails',
  recommendedInitializer: 'glorotUniform',
  properties: {
    range: [-1, 1],
    smooth: true,
    monotonic: true,
    zeroCentred: true,
    selfNormalizing: false,
    reluFamily: false,
    elementwise: true,
  },
  kernel: () => ({ fn: softsignFn }),
});

/**
 * Softsign: squashes like tanh but approaches ±1 polynomially, so it saturates later.
 *
 * Formula: f(x) = x / (1 + |x|). Derivative: f'(x) = 1 / (1 + |x|)².
 * @param x - any tensor.
 * @returns float32 in (−1, 1), same shape as x.
 * Reference: Bergstra et al. (2009); PyTorch `Softsign`, Keras `softsign`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { softsign } from '@rectify/activations';
 * softsign(tensor([-1, 3])); // → [-0.5, 0.75]
 * ```
 */
export function softsign(x: TensorLike): Tensor {
  return callActivation(softsignDefinition, x);
}
