import { engine } from '../engine.js';
import { normalizeAxes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, tensor, toTensor } from './convert.js';
import { gather } from './gather.js';

/**
 * Reverses `x` along `axis` (one axis, several, or all when omitted), as TensorFlow.js's `reverse`.
 * A gather per axis, so it is differentiable.
 * @example reverse(tensor([[1, 2], [3, 4]]), 1) // → [[2, 1], [4, 3]]
 */
export function reverse(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'reverse');
  const axes = normalizeAxes('reverse', axis, t.rank).filter((a) => t.shape[a]! > 1);
  if (axes.length === 0) return engine.view('identity', t, t.shape);
  return axes.reduce((acc, a) => {
    const n = t.shape[a]!;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = n - 1 - i;
    return gather(acc, tensor(idx, [n], 'int32'), a);
  }, t);
}
