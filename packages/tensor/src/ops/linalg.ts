import { engine } from '../engine.js';
import { ShapeError, fmtShape } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { cast } from './elementwise.js';

/**
 * Matrix product over the last two axes, with broadcast batch axes (TensorFlow.js signature).
 * @example matmul(ones([2, 3]), ones([3, 4])) // shape [2, 4]
 * @example matmul(x, w, false, true) // x · wᵀ
 */
export function matmul(a: TensorLike, b: TensorLike, transposeA = false, transposeB = false): Tensor {
  let ta = toTensor(a, 'a', 'matmul');
  let tb = toTensor(b, 'b', 'matmul');
  if (ta.rank < 2 || tb.rank < 2) {
    throw new ShapeError(`matmul: both operands must have rank >= 2, received ${fmtShape(ta.shape)} x ${fmtShape(tb.shape)}`);
  }
  const k1 = transposeA ? ta.shape[ta.rank - 2]! : ta.shape[ta.rank - 1]!;
  const k2 = transposeB ? tb.shape[tb.rank - 1]! : tb.shape[tb.rank - 2]!;
  if (k1 !== k2) {
    const t = `${transposeA ? 'ᵀ' : ''} x ${fmtShape(tb.shape)}${transposeB ? 'ᵀ' : ''}`;
    throw new ShapeError(`matmul: inner dimensions differ: ${fmtShape(ta.shape)}${t} (${k1} != ${k2})`);
  }
  try {
    broadcastShapes('matmul', ta.shape.slice(0, -2), tb.shape.slice(0, -2));
  } catch {
    throw new ShapeError(
      `matmul: batch dimensions ${fmtShape(ta.shape.slice(0, -2))} and ${fmtShape(tb.shape.slice(0, -2))} of ${fmtShape(ta.shape)} x ${fmtShape(tb.shape)} cannot be broadcast`,
    );
  }
  if (ta.dtype !== 'float32') ta = cast(ta, 'float32');
  if (tb.dtype !== 'float32') tb = cast(tb, 'float32');
  return engine.runKernel('matmul', [ta, tb], { transposeA, transposeB });
}
