import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';
import { numberOption } from '../options.js';

/**
 * The scalar function the backends compile for `swish` (`f` and its exact derivative `df`, in float64 here), with
 * the options in `a`, `b`; pass it to `mapUnary` or a layer's fused bias + activation.
 *
 * x·σ(βx) as x / (1 + e^(−βx)): one exponential, exact tails (−1000 → −0, 1000 → 1000).
 * @example
 * ```ts
 * import { swishFn } from '@rectify/activations';
 * [swishFn.f(1, 2, 0), swishFn.df?.(1, 2, 0)]; // → [0.8807970779778823, 1.0907842487848955]
 * ```
 */
export const swishFn = unaryFn({
  name: 'swish',
  f: (x, b) => x / (1 + Math.exp(-b * x)),
  df: (x, b) => {
    const s = 1 / (1 + Math.exp(-b * x));
    return s + b * x * s * (1 - s);
  },
});

/**
 * The options of {@link swish}; unknown or ill-typed options are errors naming the option.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { swish, type SwishOptions } from '@rectify/activations';
 * const options: SwishOptions = { beta: 2 };
 * swish(tensor([[-1, 2], [3, 4]]), options).arraySync(); // → [[-0.11920291930437088,1.9640275239944458],[2.992582082748413,3.9986586570739746]]
 * ```
 */
export interface SwishOptions {
  /** Sharpness: 1 gives SiLU, → ∞ approaches ReLU, 0 gives x/2. Default 1. */
  readonly beta?: number;
}

// Minimum of x·σ(x), at x ≈ −1.2785; swish with β is (1/β)·swish₁(βx), so its extremum scales by 1/|β|.
const swishMin = -0.2784645427610738;

/**
 * The registry's entry for `swish`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('swish')` instantiates it; `activations.swish` is this object.
 * @example
 * ```ts
 * import { swishDefinition } from '@rectify/activations';
 * [swishDefinition.name, swishDefinition.defaults, swishDefinition.recommendedInitializer]; // → ['swish', { beta: 1 }, 'heNormal']
 * ```
 */
export const swishDefinition = defineActivation({
  name: 'swish',
  aliases: ['silu'],
  describe: 'self-gated x·sigmoid(beta·x) (SiLU for beta = 1)',
  recommendedInitializer: 'heNormal',
  options: { beta: numberOption(1) },
  properties: ({ beta }) => ({
    range: beta > 0 ? [swishMin / beta, Infinity] : beta < 0 ? [-Infinity, swishMin / beta] : [-Infinity, Infinity],
    smooth: true,
    monotonic: beta === 0,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: beta > 0,
    elementwise: true,
  }),
  kernel: ({ beta }) => ({ fn: swishFn, a: beta }),
});

/**
 * Swish: the input gated by its own sigmoid. SiLU is swish with β = 1.
 *
 * Formula: f(x) = x·σ(βx). Derivative: f'(x) = σ(βx) + βx·σ(βx)(1 − σ(βx)).
 * Minimum ≈ −0.27846/β at x ≈ −1.27846/β (β > 0). Not monotonic.
 * @param x - any tensor.
 * @param options.beta - default 1.
 * @returns float32, same shape as x.
 * Reference: Ramachandran et al. (2017); Elfwing et al. (2017, SiLU); PyTorch `SiLU`, Keras `silu`/`swish`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { swish } from '@rectify/activations';
 * swish(tensor([0, 1]), { beta: 1 }); // → [0, 0.7310585975646973]
 * ```
 */
export function swish(x: TensorLike, options?: SwishOptions): Tensor {
  return callActivation(swishDefinition, x, options);
}

/**
 * Sigmoid linear unit, x·σ(x): {@link swish} with β = 1.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { silu } from '@rectify/activations';
 * silu(tensor([-1000, 1000])); // → [-0, 1000]
 * ```
 */
export function silu(x: TensorLike): Tensor {
  return callActivation(swishDefinition, x);
}
