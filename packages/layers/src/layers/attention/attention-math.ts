import {
  DTypeError,
  type Tensor,
  arange,
  cast,
  expandDims,
  greaterEqual,
  logicalAnd,
  maskedSoftmax,
  matmul,
  reshape,
  tidy,
  transpose,
} from '@rectify/tensor';

export interface AttentionResult {
  /** `[..., queries, valueDim]`. */
  readonly output: Tensor;
  /** The attention weights `[..., queries, keys]` (rows sum to 1). */
  readonly weights: Tensor;
}

export interface AttentionOptions {
  /** bool or 0/1, broadcastable to `[..., T, S]`: false excludes a key. */
  readonly mask?: Tensor;
  /** Query i sees only keys 0..i, worked out from the indices (no mask tensor is made). */
  readonly causal?: boolean;
  /** Dropout on the weights, run only when given. */
  readonly dropWeights?: (w: Tensor) => Tensor;
}

/**
 * Scaled dot-product attention: `softmax(q·kᵀ / √d, masked) · v`. Keys excluded by `mask` or `causal` get weight
 * exactly 0; a query that sees no key attends uniformly (as an additive −1e9 mask gives). The scale, the masks and
 * the softmax run as one kernel (`maskedSoftmax`), and the scores are freed as soon as the weights exist: only the
 * weights stay for the gradient.
 *
 * Shapes: q `[..., T, d]`, k `[..., S, d]`, v `[..., S, dv]`, mask broadcastable to `[..., T, S]`.
 * Reference: Vaswani et al. 2017, "Attention Is All You Need", eq. 1.
 *
 * @example
 * const q = ones([1, 4, 2]);
 * const k = ones([1, 4, 2]);
 * const v = tensor([[[1], [2], [3], [4]]]);
 * // Each step attends equally to itself and the steps before it.
 * scaledDotProductAttention(q, k, v, { causal: true }).output; // → [[[1], [1.5], [2], [2.5]]]
 */
export function scaledDotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  { mask, causal = false, dropWeights }: AttentionOptions = {},
): AttentionResult {
  const d = q.shape[q.rank - 1]!;
  const boolMask = mask && asBoolMask(mask);
  const weights = tidy(() =>
    maskedSoftmax(matmul(q, k, false, true), { scale: 1 / Math.sqrt(d), causal, mask: boolMask }),
  );
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
