import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * x·tanh(softplus(x)) with one exponential: for n = eˣ, tanh(log(1 + n)) = w / (w + 2) with w = n(n + 2).
 * Clamping the exponent at 30 keeps n finite even in float32 (a GPU), so w/(w + 2) never becomes ∞/∞; past
 * that point the clamped values are already exact (the ratio is 1 − 2e−52, the derivative's correction term
 * is evaluated at the clamp, 120·e^−60 < 1e−24). Clamping as `x > 30 ? 30 : x` lets NaN through.
 * Derivative: g + x·4n(1 + n)/(w + 2)², since sech²(softplus x)·σ(x) simplifies to that.
 * @example
 * ```ts
 * import { mishFn } from '@rectify/activations';
 * [mishFn.f(1, 0, 0), mishFn.df?.(1, 0, 0)]; // → [0.8650983882673103, 1.0490362200997922]
 * ```
 */
export const mishFn = unaryFn({
  name: 'mish',
  f: (x) => {
    const n = Math.exp(x > 30 ? 30 : x);
    const w = n * (n + 2);
    return x * (w / (w + 2)); // not (x·w)/(w + 2): x·w overflows float32 for large x
  },
  df: (x) => {
    const c = x > 30 ? 30 : x;
    const n = Math.exp(c);
    const w = n * (n + 2);
    return w / (w + 2) + (c * 4 * n * (1 + n)) / ((w + 2) * (w + 2));
  },
});

/**
 * The registry's entry for `mish`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('mish')` instantiates it; `activations.mish` is this object.
 * @example
 * ```ts
 * import { mishDefinition } from '@rectify/activations';
 * [mishDefinition.name, mishDefinition.defaults, mishDefinition.recommendedInitializer]; // → ['mish', {}, 'heNormal']
 * ```
 */
export const mishDefinition = defineActivation({
  name: 'mish',
  describe: 'self-regularized x·tanh(softplus(x))',
  recommendedInitializer: 'heNormal',
  properties: {
    range: [-0.3088434130172504, Infinity],
    smooth: true,
    monotonic: false,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  },
  kernel: () => ({ fn: mishFn }),
});

/**
 * Mish: a smooth, non-monotonic ReLU-like activation.
 *
 * Formula: f(x) = x·tanh(softplus(x)) = x·tanh(log(1 + eˣ)).
 * Derivative: f'(x) = tanh(sp(x)) + x·sech²(sp(x))·σ(x).
 * Minimum ≈ −0.30884 at x ≈ −1.1924.
 * @param x - any tensor.
 * @returns float32, same shape as x.
 * Reference: Misra, "Mish: A Self Regularized Non-Monotonic Activation Function" (2019); PyTorch `Mish`, Keras `mish`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { mish } from '@rectify/activations';
 * mish(tensor([0, 1])); // → [0, 0.8651]
 * ```
 */
export function mish(x: TensorLike): Tensor {
  return callActivation(mishDefinition, x);
}
