import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * relu's branch-free kernel behind one branch that is almost never taken (x ≥ 6), so it stays predictable on
 * random signs; `Math.max(x, 0)` mispredicts there (V8 compiles its NaN and −0 rules to branches) and ran ~5× slower.
 * (The all-arithmetic (|x| − |x − 6| + 6)/2 is wrong: it loses the 6 next to |x| > 2⁵³ and gives 3.)
 * +∞ gives 6, −∞ gives 0 (relu's guard), NaN gives NaN. The derivative is relu's exact step below 6, 0 from 6 on.
 * @example
 * ```ts
 * import { relu6Fn } from '@rectify/activations';
 * [relu6Fn.f(7, 0, 0), relu6Fn.df?.(7, 0, 0)]; // → [6, 0]
 * ```
 */
export const relu6Fn = unaryFn({
  name: 'relu6',
  f: (x) => (x > 6 ? 6 : x < -3.4e38 ? 0 : x * 0.5 + Math.abs(x) * 0.5),
  df: (x) => (x >= 6 || x < -3.4e38 ? 0 : 1 - 1 / (1 + (x + Math.abs(x)) * 1e38 * 1e38)),
  // f keeps (0, 6) and sends the rest to 0 or 6, where df is 0 as it was at x.
  dfAtOutput: () => true,
});

/**
 * The registry's entry for `relu6`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('relu6')` instantiates it; `activations.relu6` is this object.
 * @example
 * ```ts
 * import { relu6Definition } from '@rectify/activations';
 * [relu6Definition.name, relu6Definition.defaults, relu6Definition.recommendedInitializer]; // → ['relu6', {}, 'heNormal']
 * ```
 */
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
 * TensorFlow and PyTorch). NaN gives NaN; +∞ gives 6, −∞ gives 0.
 * @param x - any tensor.
 * @returns float32, same shape as x, in [0, 6].
 * Reference: Krizhevsky (2010); Keras `relu6`, PyTorch `ReLU6`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { relu6 } from '@rectify/activations';
 * relu6(tensor([-1, 3, 8])); // → [0, 3, 6]
 * ```
 */
export function relu6(x: TensorLike): Tensor {
  return callActivation(relu6Definition, x);
}
