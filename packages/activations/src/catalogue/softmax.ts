import {
  type Tensor,
  type TensorLike,
  ShapeError,
  normalizeAxis,
  mul,
  softmax as softmaxOp,
  sub,
} from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';
import { integerOption } from '../options.js';

// Checked here so that messages name softmax, whatever the composite calls internally.
function checkedAxis(x: Tensor, axis: number): number {
  if (x.rank === 0) throw new ShapeError(`softmax: x must have rank >= 1, received a scalar`);
  return normalizeAxis('softmax', axis, x.rank);
}

/**
 * The options of {@link softmax}; unknown or ill-typed options are errors naming the option.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { softmax, type SoftmaxOptions } from '@rectify/activations';
 * const options: SoftmaxOptions = { axis: 0 };
 * softmax(tensor([[-1, 2], [3, 4]]), options).arraySync(); // → [[0.01798621192574501,0.11920291185379028],[0.9820137619972229,0.8807970285415649]]
 * ```
 */
export interface SoftmaxOptions {
  /** The axis that sums to 1. Default −1 (the last). */
  readonly axis?: number;
}

/**
 * The registry's entry for `softmax`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('softmax')` instantiates it; `activations.softmax` is this object.
 * @example
 * ```ts
 * import { softmaxDefinition } from '@rectify/activations';
 * [softmaxDefinition.name, softmaxDefinition.defaults, softmaxDefinition.recommendedInitializer]; // → ['softmax', { axis: -1 }, 'glorotUniform']
 * ```
 */
export const softmaxDefinition = defineActivation({
  name: 'softmax',
  describe: 'normalized exponentials along an axis: e^(x_i) / Σ_j e^(x_j)',
  recommendedInitializer: 'glorotUniform',
  options: { axis: integerOption(-1) },
  properties: {
    range: [0, 1],
    smooth: true,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: false,
    elementwise: false,
  },
  // @rectify/tensor's softmax: along the last axis its fused kernel (with its own gradient kernel), elsewhere the
  // exp(logSoftmax) composite.
  // Scalar f/df describe the two-class case softmax([x, 0])₀ = σ(x), the curve a plot of softmax shows.
  kernel: ({ axis }) => ({
    apply: (x: Tensor) => softmaxOp(x, checkedAxis(x, axis)),
    derivative: (x: Tensor) => {
      const s = softmaxOp(x, checkedAxis(x, axis));
      return mul(s, sub(1, s));
    },
    f: (x: number) => 1 / (1 + Math.exp(-x)),
    df: (x: number) => {
      const e = Math.exp(-Math.abs(x));
      return e / ((1 + e) * (1 + e));
    },
  }),
});

/**
 * Softmax: turns logits into a probability distribution along `axis`.
 *
 * Formula: s_i = e^(x_i) / Σ_j e^(x_j), computed as exp(x − logSumExp(x)) so that nothing overflows: the softmax
 * of [1e4, 0] is exactly [1, 0]. Derivative: ∂s_i/∂x_j = s_i(δ_ij − s_j); autograd differentiates it through
 * its primitive ops.
 * @param x - logits, any rank ≥ 1.
 * @param options.axis - (or the axis itself as a number, TensorFlow.js's positional form) default −1.
 * @returns float32 probabilities, same shape as x, summing to 1 along `axis`.
 * Reference: PyTorch `Softmax(dim)`, Keras `softmax(axis)`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { softmax } from '@rectify/activations';
 * softmax(tensor([1e4, 0])); // → [1, 0]
 * softmax(tensor([[1, 2], [3, 4]]), 0).arraySync(); // → [[0.11920291185379028,0.11920291185379028],[0.8807970285415649,0.8807970285415649]]
 * ```
 */
export function softmax(x: TensorLike, options?: SoftmaxOptions | number): Tensor {
  return callActivation(softmaxDefinition, x, typeof options === 'number' ? { axis: options } : options);
}
