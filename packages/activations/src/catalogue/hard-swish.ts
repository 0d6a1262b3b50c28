import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * The scalar function the backends compile for `hardSwish` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 *
 * The derivative takes the flat side's value at the kinks, like relu: f'(−3) = 0, f'(3) = 1 (what autodiff of
 * x·hardSigmoid(x) gives in TensorFlow; PyTorch uses −0.5 and 1.5 there). NaN falls through to NaN.
 * @example
 * ```ts
 * import { hardSwishFn } from '@rectify/activations';
 * [hardSwishFn.f(1.5, 0, 0), hardSwishFn.df?.(1.5, 0, 0)]; // → [1.125, 1]
 * ```
 */
export const hardSwishFn = unaryFn({
  name: 'hardSwish',
  // x·(relu6(x + 3)/6), not (x·relu6(x + 3))/6: the product would overflow float32 (a GPU) for x above 5.7e37.
  f: (x) => x * (Math.min(Math.max(x + 3, 0), 6) / 6),
  df: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : x / 3 + 0.5),
});

/**
 * The registry's entry for `hardSwish`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('hardSwish')` instantiates it; `activations.hardSwish` is this object.
 * @example
 * ```ts
 * import { hardSwishDefinition } from '@rectify/activations';
 * [hardSwishDefinition.name, hardSwishDefinition.defaults, hardSwishDefinition.recommendedInitializer]; // → ['hardSwish', {}, 'heNormal']
 * ```
 */
export const hardSwishDefinition = defineActivation({
  name: 'hardSwish',
  aliases: ['hard_swish', 'hard_silu'],
  describe: 'piecewise-polynomial swish: x·relu6(x + 3) / 6',
  recommendedInitializer: 'heNormal',
  properties: {
    range: [-0.375, Infinity],
    smooth: false,
    monotonic: false,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  },
  kernel: () => ({ fn: hardSwishFn }),
});

/**
 * Hard swish: swish with the sigmoid replaced by {@link hardSigmoid}, cheap on mobile hardware.
 *
 * Formula: f(x) = x·relu6(x + 3)/6: 0 for x ≤ −3, x for x ≥ 3, x(x + 3)/6 between.
 * Derivative: f'(x) = 0 for x ≤ −3, 1 for x ≥ 3, x/3 + 1/2 between. Minimum −0.375 at x = −1.5.
 * @param x - any tensor.
 * @returns float32, same shape as x.
 * Reference: Howard et al., "Searching for MobileNetV3" (2019); PyTorch `Hardswish`, Keras `hard_swish`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { hardSwish } from '@rectify/activations';
 * hardSwish(tensor([-4, -1.5, 4])); // → [-0, -0.375, 4]
 * ```
 */
export function hardSwish(x: TensorLike): Tensor {
  return callActivation(hardSwishDefinition, x);
}
