import {
  type Tensor,
  type TensorLike,
  ShapeError,
  logSoftmax as logSoftmaxOp,
  normalizeAxis,
  softmax as softmaxOp,
  sub,
} from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';
import { integerOption } from '../options.js';

// Checked here so that messages name logSoftmax, whatever the composite calls internally.
function checkedAxis(x: Tensor, axis: number): number {
  if (x.rank === 0) throw new ShapeError(`logSoftmax: x must have rank >= 1, received a scalar`);
  return normalizeAxis('logSoftmax', axis, x.rank);
}

/**
 * The options of {@link logSoftmax}; unknown or ill-typed options are errors naming the option.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { logSoftmax, type LogSoftmaxOptions } from '@rectify/activations';
 * const options: LogSoftmaxOptions = { axis: 0 };
 * logSoftmax(tensor([[-1, 2], [3, 4]]), options).arraySync(); // → [[-4.0181498527526855,-2.1269280910491943],[-0.018149960786104202,-0.12692804634571075]]
 * ```
 */
export interface LogSoftmaxOptions {
  /** The axis to normalize over. Default −1 (the last). */
  readonly axis?: number;
}

/**
 * The registry's entry for `logSoftmax`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('logSoftmax')` instantiates it; `activations.logSoftmax` is this object.
 * @example
 * ```ts
 * import { logSoftmaxDefinition } from '@rectify/activations';
 * [logSoftmaxDefinition.name, logSoftmaxDefinition.defaults, logSoftmaxDefinition.recommendedInitializer]; // → ['logSoftmax', { axis: -1 }, 'glorotUniform']
 * ```
 */
export const logSoftmaxDefinition = defineActivation({
  name: 'logSoftmax',
  aliases: ['log_softmax'],
  describe: 'log of softmax along an axis: x_i − logSumExp(x)',
  recommendedInitializer: 'glorotUniform',
  options: { axis: integerOption(-1) },
  properties: {
    range: [-Infinity, 0],
    smooth: true,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: false,
    elementwise: false,
  },
  // Scalar f/df: the two-class case logSoftmax([x, 0])₀ = log σ(x) = −softplus(−x), derivative 1 − σ(x).
  kernel: ({ axis }) => ({
    apply: (x: Tensor) => logSoftmaxOp(x, checkedAxis(x, axis)),
    derivative: (x: Tensor) => sub(1, softmaxOp(x, checkedAxis(x, axis))),
    f: (x: number) => -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
    df: (x: number) => 1 - 1 / (1 + Math.exp(-x)),
  }),
});

/**
 * Log-softmax: log-probabilities along `axis`, the stable input to a negative log-likelihood loss.
 *
 * Formula: x_i − log Σ_j e^(x_j), with the max subtracted first: finite for logits of ±1e4 and beyond.
 * Derivative: ∂y_i/∂x_j = δ_ij − softmax(x)_j; autograd differentiates it through its primitive ops.
 * @param x - logits, any rank ≥ 1.
 * @param options.axis - (or the axis itself as a number, TensorFlow.js's positional form) default −1.
 * @returns float32, same shape as x, all ≤ 0.
 * Reference: PyTorch `LogSoftmax(dim)`, Keras `log_softmax(axis)`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { logSoftmax } from '@rectify/activations';
 * logSoftmax(tensor([1e4, 0])); // → [0, -10000]
 * logSoftmax(tensor([[1, 2], [3, 4]]), -1).arraySync(); // → [[-1.31326162815094,-0.31326165795326233],[-1.31326162815094,-0.31326165795326233]]
 * ```
 */
export function logSoftmax(x: TensorLike, options?: LogSoftmaxOptions | number): Tensor {
  return callActivation(logSoftmaxDefinition, x, typeof options === 'number' ? { axis: options } : options);
}
