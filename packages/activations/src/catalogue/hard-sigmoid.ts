import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * The scalar function the backends compile for `hardSigmoid` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 *
 * Division by 6 (not multiplication by its rounded inverse) keeps f(3) exactly 1. The last arm keeps NaN as NaN.
 * @example
 * ```ts
 * import { hardSigmoidFn } from '@rectify/activations';
 * [hardSigmoidFn.f(1.5, 0, 0), hardSigmoidFn.df?.(1.5, 0, 0)]; // → [0.75, 0.16666666666666666]
 * ```
 */
export const hardSigmoidFn = unaryFn({
  name: 'hardSigmoid',
  f: (x) => Math.min(Math.max(x + 3, 0), 6) / 6,
  df: (x) => (x > -3 && x < 3 ? 1 / 6 : x === x ? 0 : x),
});

/**
 * The registry's entry for `hardSigmoid`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('hardSigmoid')` instantiates it; `activations.hardSigmoid` is this object.
 * @example
 * ```ts
 * import { hardSigmoidDefinition } from '@rectify/activations';
 * [hardSigmoidDefinition.name, hardSigmoidDefinition.defaults, hardSigmoidDefinition.recommendedInitializer]; // → ['hardSigmoid', {}, 'glorotUniform']
 * ```
 */
export const hardSigmoidDefinition = defineActivation({
  name: 'hardSigmoid',
  aliases: ['hard_sigmoid'],
  describe: 'piecewise-linear sigmoid: relu6(x + 3) / 6',
  recommendedInitializer: 'glorotUniform',
  properties: {
    range: [0, 1],
    smooth: false,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: false,
    elementwise: true,
  },
  kernel: () => ({ fn: hardSigmoidFn }),
});

/**
 * Hard sigmoid: a cheap piecewise-linear sigmoid.
 *
 * Formula: f(x) = relu6(x + 3) / 6 = clip(x/6 + 1/2, 0, 1), as Keras 3 and PyTorch define it. (TensorFlow.js and
 * Keras 2 use clip(0.2x + 0.5, 0, 1) instead — a different slope.)
 * Derivative: f'(x) = 1/6 for −3 < x < 3, else 0 (0 at the kinks, as PyTorch).
 * @param x - any tensor.
 * @returns float32 in [0, 1], same shape as x.
 * Reference: Courbariaux et al. (2015); Howard et al., MobileNetV3 (2019); PyTorch `Hardsigmoid`, Keras `hard_sigmoid`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { hardSigmoid } from '@rectify/activations';
 * hardSigmoid(tensor([-4, 0, 1.5])); // → [0, 0.5, 0.75]
 * ```
 */
export function hardSigmoid(x: TensorLike): Tensor {
  return callActivation(hardSigmoidDefinition, x);
}
