import { broadcastShapes, type Shape } from './shape.js';

/** The sizes of a batched matmul, resolved once so that every backend reads the operands the same way. */
export interface MatmulGeometry {
  readonly M: number;
  readonly K: number;
  readonly N: number;
  /** Batch axes of each operand (all but the last two) and their broadcast. */
  readonly batchA: Shape;
  readonly batchB: Shape;
  readonly batch: Shape;
  /** [...batch, M, N]. */
  readonly outShape: Shape;
}

/**
 * Geometry of `op(a) · op(b)` over the last two axes, where op transposes when asked.
 * @example matmulGeometry([2, 3, 4], [4, 5], false, false).outShape // → [2, 3, 5]
 */
export function matmulGeometry(a: Shape, b: Shape, transposeA: boolean, transposeB: boolean): MatmulGeometry {
  const ra = a.length;
  const rb = b.length;
  const M = transposeA ? a[ra - 1]! : a[ra - 2]!;
  const K = transposeA ? a[ra - 2]! : a[ra - 1]!;
  const N = transposeB ? b[rb - 2]! : b[rb - 1]!;
  const batchA = a.slice(0, -2);
  const batchB = b.slice(0, -2);
  const batch = broadcastShapes('matmul', batchA, batchB);
  return { M, K, N, batchA, batchB, batch, outShape: [...batch, M, N] };
}
