import {
  type Tensor,
  type TensorLike,
  DTypeError,
  ShapeError,
  binaryFn,
  fmtShape,
  mapBinary,
  toTensor,
} from '@rectify/tensor';
import { defineActivation } from '../define.js';
import { numberOption } from '../options.js';
import { leakyReluFn } from './leaky-relu.js';

/**
 * f(x, α) = relu(x) + α·min(x, 0), exact and guarded at ±∞ as in leakyRelu. ∂f/∂x = 1 or α; ∂f/∂α = min(x, 0).
 * Autograd sums ∂f/∂α over the axes α was broadcast along, which gives the shared and per-channel slope gradients.
 * @example
 * ```ts
 * import { preluFn } from '@rectify/activations';
 * [preluFn.f(-2, 0.25), preluFn.dfdx?.(-2, 0.25), preluFn.dfdy?.(-2, 0.25)]; // → [-0.5, 0.25, -2]
 * ```
 */
export const preluFn = binaryFn({
  name: 'prelu',
  f: (x, a) => {
    const r = x * 0.5 + Math.abs(x) * 0.5 + a * (x * 0.5 - Math.abs(x) * 0.5);
    return r === r ? r : x > 0 ? x : a * x;
  },
  dfdx: (x, a) => {
    const s = x < -3.4e38 ? 0 : 1 - 1 / (1 + (x + Math.abs(x)) * 1e38 * 1e38);
    return s + a * (1 - s);
  },
  dfdy: (x) => (x > 3.4e38 ? 0 : x * 0.5 - Math.abs(x) * 0.5),
  out: 'float32',
});

/**
 * The options of the registry's `prelu` (`get({ name: 'prelu', alpha })`, a fixed slope); unknown or ill-typed
 * options are errors naming the option. The tensor function {@link prelu} takes its slopes as a tensor instead.
 * @example
 * ```ts
 * import { get, type PreluOptions } from '@rectify/activations';
 * const options: PreluOptions = { alpha: 0.1 };
 * get({ name: 'prelu', ...options }).f(-2); // → -0.2
 * ```
 */
export interface PreluOptions {
  /** The slope's initial value; a registry `prelu` without its layer keeps this slope fixed. Default 0.25. */
  readonly alpha?: number;
}

/**
 * The registry's entry for `prelu`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('prelu')` instantiates it; `activations.prelu` is this object.
 * @example
 * ```ts
 * import { preluDefinition } from '@rectify/activations';
 * [preluDefinition.name, preluDefinition.defaults, preluDefinition.recommendedInitializer]; // → ['prelu', { alpha: 0.25 }, 'heNormal']
 * ```
 */
export const preluDefinition = defineActivation({
  name: 'prelu',
  describe: 'parametric ReLU: x for x > 0, a learned slope alpha·x otherwise',
  recommendedInitializer: 'heNormal',
  options: { alpha: numberOption(0.25) },
  properties: ({ alpha }) => ({
    range: [alpha > 0 ? -Infinity : 0, Infinity],
    smooth: alpha === 1,
    monotonic: alpha >= 0,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  }),
  // Outside a layer there is nothing to learn: the slope stays at its initial value, which is leakyRelu's kernel.
  kernel: ({ alpha }) => ({ fn: leakyReluFn, a: alpha }),
});

/**
 * Parametric ReLU: a leaky ReLU whose negative slope α is a tensor that autograd differentiates, so a layer can
 * learn it — one slope shared by all units, or one per channel (the last axis).
 *
 * Formula: f(x, α) = x for x > 0, α·x otherwise. Derivatives: ∂f/∂x = 1 for x > 0, α otherwise;
 * ∂f/∂α = 0 for x > 0, x otherwise (summed over the broadcast axes for a shared or per-channel α).
 * @param x - any float tensor, channels last.
 * @param alpha - the slopes: a number or scalar tensor (shared), or shape `[channels]` (per channel); any shape
 *   that broadcasts to x's shape without enlarging it. He et al. initialise it to 0.25.
 * @returns float32, shaped like x.
 * Reference: He et al., "Delving Deep into Rectifiers" (2015); PyTorch `PReLU`, Keras `PReLU`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { prelu } from '@rectify/activations';
 * prelu(tensor([[-1, 2], [-4, 1]]), tensor([0.25, 0.5])).arraySync(); // → [[-0.25,2],[-1,1]]
 * ```
 */
export function prelu(x: TensorLike, alpha: TensorLike = 0.25): Tensor {
  const tx = toTensor(x, 'x', 'prelu');
  const ta = toTensor(alpha, 'alpha', 'prelu');
  if (ta.dtype !== 'float32') throw new DTypeError(`prelu: 'alpha' must have dtype float32, received ${ta.dtype}`);
  const offset = tx.rank - ta.rank;
  if (offset < 0 || ta.shape.some((d, i) => d !== 1 && d !== tx.shape[offset + i])) {
    throw new ShapeError(
      `prelu: alpha of shape ${fmtShape(ta.shape)} must broadcast to x's shape ${fmtShape(tx.shape)} without enlarging it; ` +
        `pass a scalar (shared slope) or shape [${tx.shape[tx.rank - 1] ?? 1}] (one slope per channel)`,
    );
  }
  return mapBinary(tx, ta, preluFn);
}
