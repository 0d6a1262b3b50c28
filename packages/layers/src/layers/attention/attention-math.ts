import {
  DTypeError,
  type Tensor,
  arange,
  cast,
  expandDims,
  greaterEqual,
  logicalAnd,
  matmul,
  mul,
  reshape,
  softmax,
  transpose,
  where,
} from '@rectify/tensor';

/** The additive stand-in for −∞ on masked scores: finite, so a fully masked row gives uniform weights, not NaN. */
const MASKED = -1e9;

export interface AttentionResult {
  /** `[..., queries, valueDim]`. */
  readonly output: Tensor;
  /** The attention weights `[..., queries, keys]` (rows sum to 1). */
  readonly weights: Tensor;
}

/**
 * Scaled dot-product attention: `softmax(q·kᵀ / √d + mask) · v`. Positions where `mask` is false are excluded.
 * `dropWeights` (dropout on the weights) runs only when given.
 *
 * Shapes: q `[..., T, d]`, k `[..., S, d]`, v `[..., S, dv]`, mask broadcastable to `[..., T, S]`.
 * Reference: Vaswani et al. 2017, "Attention Is All You Need", eq. 1.
 *
 * @example
 * const q = ones([1, 4, 2]);
 * const k = ones([1, 4, 2]);
 * const v = tensor([[[1], [2], [3], [4]]]);
 * // Each step attends equally to itself and the steps before it.
 * scaledDotProductAttention(q, k, v, { mask: causalMask(4, 4) }).output; // → [[[1], [1.5], [2], [2.5]]]
 */
export function scaledDotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  { mask, dropWeights }: { mask?: Tensor; dropWeights?: (w: Tensor) => Tensor } = {},
): AttentionResult {
  const d = q.shape[q.rank - 1]!;
  let scores = matmul(mul(q, 1 / Math.sqrt(d)), k, false, true);
  if (mask) scores = where(asBoolMask(mask), scores, MASKED);
  const weights = softmax(scores, -1);
  const output = matmul(dropWeights ? dropWeights(weights) : weights, v);
  return { output, weights };
}

/**
 * The lower-triangular mask letting query i see keys 0..i (`[T, S]`, true = attend), as Keras builds it.
 * @example causalMask(3, 3).arraySync(); // → [[true, false, false], [true, true, false], [true, true, true]]
 */
export function causalMask(queries: number, keys: number): Tensor {
  const row = reshape(arange(0, queries, 1, 'int32'), [queries, 1]);
  const col = reshape(arange(0, keys, 1, 'int32'), [1, keys]);
  return greaterEqual(row, col);
}

/** Combines optional masks with a logical and. */
export function combineMasks(a: Tensor | undefined, b: Tensor | undefined): Tensor | undefined {
  if (a && b) return logicalAnd(asBoolMask(a), asBoolMask(b));
  return a ?? b;
}

/** Accepts bool masks and 0/1 numeric masks. */
export function asBoolMask(mask: Tensor): Tensor {
  if (mask.dtype === 'bool') return mask;
  if (mask.dtype === 'float32' || mask.dtype === 'int32') return cast(mask, 'bool');
  throw new DTypeError(`attention: mask must be bool or 0/1 numbers, received dtype ${String(mask.dtype)}`);
}

/** `[B, T, H·d]` → `[B, H, T, d]`. @example splitHeads(ones([2, 5, 8]), 4).shape; // [2, 4, 5, 2] */
export function splitHeads(x: Tensor, heads: number): Tensor {
  const [b, t, hd] = x.shape as [number, number, number];
  return transpose(reshape(x, [b, t, heads, hd / heads]), [0, 2, 1, 3]);
}

/** `[B, H, T, d]` → `[B, T, H·d]`, the inverse of splitHeads. @example mergeHeads(ones([2, 4, 5, 2])).shape; // [2, 5, 8] */
export function mergeHeads(x: Tensor): Tensor {
  const [b, h, t, d] = x.shape as [number, number, number, number];
  return reshape(transpose(x, [0, 2, 1, 3]), [b, t, h * d]);
}

/** A `[B, T, S]` mask made to broadcast over the heads axis of `[B, H, T, S]` scores. */
export function maskForHeads(mask: Tensor): Tensor {
  return mask.rank === 3 ? expandDims(mask, 1) : mask;
}
