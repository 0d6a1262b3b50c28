import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

// Math.min/max rather than the (|x| − |x − 6| + 6)/2 trick: that one loses the 6 next to |x| > 2⁵³ and gives 3.
// The derivative's last arm keeps NaN as NaN.
export const relu6Fn = unaryFn({
  name: 'relu6',
  f: (x) => Math.min(Math.max(x, 0), 6),
  df: (x) => (x > 0 && x < 6 ? 1 : x === x ? 0 : x),
});

export const relu6Definition = defineActivation({
  name: 'relu6',
  describe: 'ReLU capped at 6: min(max(x, 0), 6)',
  recommendedInitializer: 'heNormal',
  properties: {
    range: [0, 6],
    smooth: false,
    monotonic: true,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  },
  kernel: () => ({ fn: relu6Fn }),
});

/**
 * ReLU capped at 6, robust in low precision (MobileNet).
 *
 * Formula: f(x) = min(max(x, 0), 6). Derivative: f'(x) = 1 for 0 < x < 6, else 0 (0 at both kinks, as
 * TensorFlow and PyTorch). NaN gives NaN.
 * @param x - any tensor.
 * @returns float32, same shape as x, in [0, 6].
 * Reference: Krizhevsky (2010); Keras `relu6`, PyTorch `ReLU6`.
 * @example relu6(tensor([-1, 3, 8])) // [0, 3, 6]
 */
export function relu6(x: TensorLike): Tensor {
  return callActivation(relu6Definition, x);
}
