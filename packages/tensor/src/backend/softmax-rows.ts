import { sizeOf } from '../shape.js';

/** The row geometry every backend's softmax kernel shares: rows of `cols` keys, `queries` rows per causal block. */
export interface SoftmaxRows {
  readonly rows: number;
  readonly cols: number;
  /** Rows per `[T, S]` block (the second-to-last axis; 1 for rank-1 logits): row r is query r mod `queries`. */
  readonly queries: number;
}

/**
 * How the `softmax` and `softmaxGrad` kernels read logits of `shape`.
 * @example softmaxRows([2, 4, 3, 5]); // → { rows: 24, cols: 5, queries: 3 }
 */
export function softmaxRows(shape: readonly number[]): SoftmaxRows {
  const cols = shape[shape.length - 1] ?? 1;
  return {
    rows: cols === 0 ? 0 : sizeOf(shape) / cols,
    cols,
    queries: shape.length >= 2 ? shape[shape.length - 2]! : 1,
  };
}
