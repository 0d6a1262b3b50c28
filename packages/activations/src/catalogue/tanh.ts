import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * The scalar function the backends compile for `tanh` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 *
 * 1 − tanh² cancels to 0 for |x| > 19; sech²(x) = 4e^(−2|x|)/(1 + e^(−2|x|))² keeps its relative accuracy.
 * @example
 * ```ts
 * import { tanhFn } from '@rectify/activations';
 * [tanhFn.f(0.5, 0, 0), tanhFn.df?.(0.5, 0, 0)]; // → [0.46211715726000974, 0.7864477329659275]
 * ```
 */
export const tanhFn = unaryFn({
  name: 'tanh',
  f: (x) => Math.tanh(x),
  df: (x) => {
    const e = Math.exp(-2 * Math.abs(x));
    return (4 * e) / ((1 + e) * (1 + e));
  },
});

/**
 * The registry's entry for `tanh`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('tanh')` instantiates it; `activations.tanh` is this object.
 * @example
 * ```ts
 * import { tanhDefinition } from '@rectify/activations';
 * [tanhDefinition.name, tanhDefinition.defaults, tanhDefinition.recommendedInitializer]; // → ['tanh', {}, 'glorotUniform']
 * ```
 */
export const tanhDefinition = defineActivation({
  name: 'tanh',
  describe: 'hyperbolic tangent: (eˣ − e^(−x)) / (eˣ + e^(−x))',
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
  kernel: () => ({ fn: tanhFn }),
});

/**
 * Hyperbolic tangent: a zero-centred sigmoid, tanh(x) = 2σ(2x) − 1.
 *
 * Formula: f(x) = tanh(x). Derivative: f'(x) = 1 − tanh²(x) = sech²(x), at most 1.
 * Saturates: f'(x) < 1e−3 for |x| > 4.15.
 * @param x - any tensor.
 * @returns float32 in [−1, 1], same shape as x.
 * Reference: PyTorch `Tanh`, Keras `tanh`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { tanh } from '@rectify/activations';
 * tanh(tensor([0, 1e4])); // → [0, 1]
 * ```
 */
export function tanh(x: TensorLike): Tensor {
  return callActivation(tanhDefinition, x);
}
