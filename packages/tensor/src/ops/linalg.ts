import { engine } from '../engine.js';
import { ShapeError, fmtShape } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { cast } from './elementwise.js';
import { reshape } from './shape.js';

/**
 * Matrix product over the last two axes, with broadcast batch axes (TensorFlow.js signature).
 * @example matmul(ones([2, 3]), ones([3, 4])).shape // → [2, 4]
 * @example matmul(tensor([[1, 2]]), tensor([[3, 4], [5, 6]]), false, true) // → [[11, 17]]
 */
export function matmul(a: TensorLike, b: TensorLike, transposeA = false, transposeB = false): Tensor {
  let ta = toTensor(a, 'a', 'matmul');
  let tb = toTensor(b, 'b', 'matmul');
  if (ta.rank < 2 || tb.rank < 2) {
    throw new ShapeError(
      `matmul: both operands must have rank >= 2, received ${fmtShape(ta.shape)} x ${fmtShape(tb.shape)}`,
    );
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

/**
 * TensorFlow.js's spelling of {@link matmul}, the same function.
 * @example matMul(ones([2, 3]), ones([3, 4])) // shape [2, 4]
 */
export const matMul = matmul;

/**
 * Dot product of vectors and matrices (rank 1 or 2 each, TensorFlow.js `dot`): vector·vector is a scalar,
 * matrix·vector a vector, vector·matrix a vector, matrix·matrix a matrix.
 * @example dot(tensor([1, 2]), tensor([3, 4])) // → 11
 */
export function dot(t1: TensorLike, t2: TensorLike): Tensor {
  const a = toTensor(t1, 't1', 'dot');
  const b = toTensor(t2, 't2', 'dot');
  if ((a.rank !== 1 && a.rank !== 2) || (b.rank !== 1 && b.rank !== 2)) {
    throw new ShapeError(
      `dot: inputs must be rank 1 or 2, received shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  const inner1 = a.shape[a.rank - 1]!;
  const inner2 = b.shape[0]!;
  if (inner1 !== inner2) {
    throw new ShapeError(
      `dot: inner dimensions must match, received ${fmtShape(a.shape)} · ${fmtShape(b.shape)} (${inner1} != ${inner2})`,
    );
  }
  const a2 = a.rank === 1 ? reshape(a, [1, inner1]) : a;
  const b2 = b.rank === 1 ? reshape(b, [inner2, 1]) : b;
  const y = matmul(a2, b2);
  if (a.rank === 2 && b.rank === 2) return y;
  return reshape(y, [...a.shape.slice(0, -1), ...b.shape.slice(1)]);
}
