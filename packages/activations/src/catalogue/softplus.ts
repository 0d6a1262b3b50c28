import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

// log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)): no overflow at 1000, full relative accuracy at −20 and below.
export const softplusFn = unaryFn({
  name: 'softplus',
  f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  df: (x) => 1 / (1 + Math.exp(-x)),
});

export const softplusDefinition = defineActivation({
  name: 'softplus',
  describe: 'smooth ReLU: log(1 + eˣ)',
  recommendedInitializer: 'glorotUniform',
  properties: {
    range: [0, Infinity],
    smooth: true,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    // Never exactly zero, so "output > 0" would call every unit active; saturation of f' is the better test.
    reluFamily: false,
    elementwise: true,
  },
  kernel: () => ({ fn: softplusFn }),
});

/**
 * Softplus: a smooth approximation of ReLU, and the log-partition of a Bernoulli.
 *
 * Formula: f(x) = log(1 + eˣ). Derivative: f'(x) = σ(x).
 * softplus(1000) = 1000, softplus(−1000) = 0, no overflow.
 * @param x - any tensor.
 * @returns float32 in [0, ∞), same shape as x.
 * Reference: Dugas et al. (2001); PyTorch `Softplus` (β = 1), Keras `softplus`.
 * @example softplus(tensor([0, 1000])) // [0.6931472, 1000]
 */
export function softplus(x: TensorLike): Tensor {
  return callActivation(softplusDefinition, x);
}
