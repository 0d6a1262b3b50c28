import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

export const softsignFn = unaryFn({
  name: 'softsign',
  f: (x) => x / (1 + Math.abs(x)),
  df: (x) => 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))),
});

export const softsignDefinition = defineActivation({
  name: 'softsign',
  describe: 'x / (1 + |x|): a tanh-like squashing with polynomial tails',
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
  kernel: () => ({ fn: softsignFn }),
});

/**
 * Softsign: squashes like tanh but approaches ±1 polynomially, so it saturates later.
 *
 * Formula: f(x) = x / (1 + |x|). Derivative: f'(x) = 1 / (1 + |x|)².
 * @param x - any tensor.
 * @returns float32 in (−1, 1), same shape as x.
 * Reference: Bergstra et al. (2009); PyTorch `Softsign`, Keras `softsign`.
 * @example softsign(tensor([-1, 3])) // [-0.5, 0.75]
 */
export function softsign(x: TensorLike): Tensor {
  return callActivation(softsignDefinition, x);
}
