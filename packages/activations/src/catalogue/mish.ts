import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * x·tanh(softplus(x)) with one exponential: for n = eˣ, tanh(log(1 + n)) = w / (w + 2) with w = n(n + 2).
 * Clamping the exponent at 300 keeps w and (w + 2)² from overflowing into ∞/∞; past that point the clamped
 * values are already exact (the ratio is 1, the derivative's correction term 0).
 * Derivative: g + x·4n(1 + n)/(w + 2)², since sech²(softplus x)·σ(x) simplifies to that.
 */
export const mishFn = unaryFn({
  name: 'mish',
  f: (x) => {
    const n = Math.exp(x < 300 ? x : 300);
    const w = n * (n + 2);
    return (x * w) / (w + 2);
  },
  df: (x) => {
    const n = Math.exp(x < 300 ? x : 300);
    const w = n * (n + 2);
    return w / (w + 2) + (x * 4 * n * (1 + n)) / ((w + 2) * (w + 2));
  },
});

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
 * @example mish(tensor([0, 1])) // [0, 0.8650984]
 */
export function mish(x: TensorLike): Tensor {
  return callActivation(mishDefinition, x);
}
