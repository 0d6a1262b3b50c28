import {
  type Tensor,
  abs,
  clipByValue,
  div,
  greater,
  max,
  maximum,
  mul,
  reshape,
  scalar,
  sqrt,
  square,
  stack,
  sum,
  where,
} from '@rectify/tensor';
import { checkPositive } from '../checks.js';

/**
 * The Euclidean norm of all of `t`'s entries, computed as m · ‖t / m‖ with m = max|t| so that gradients of 1e20
 * (the exploding gradients clipping exists for) do not overflow float32 when squared.
 * @example l2Norm(tensor([3e30, 4e30])).item(); // → 5e30
 */
export function l2Norm(t: Tensor): Tensor {
  const m = max(abs(t));
  const safe = where(greater(m, 0), m, scalar(1));
  return mul(sqrt(sum(square(div(t, safe)))), m);
}

/**
 * Rescales `t` so that its norm is at most `maxNorm`; a tensor already inside the ball is returned unchanged in
 * value. Direction is preserved, unlike clipping by value.
 * @example clipByNorm(tensor([3, 4]), 1); // → [0.6, 0.8]
 */
export function clipByNorm(t: Tensor, maxNorm: number): Tensor {
  checkPositive('clipByNorm', 'maxNorm', maxNorm);
  return mul(t, div(maxNorm, maximum(l2Norm(t), maxNorm)));
}

/**
 * Rescales every tensor by the same factor so that their joint norm is at most `maxNorm` (TensorFlow's
 * `clip_by_global_norm`). Keeps the relative sizes of the gradients of different layers.
 * @example const { clipped, globalNorm } = clipByGlobalNorm([tensor([3]), tensor([4])], 1); // [0.6], [0.8]; 5
 */
export function clipByGlobalNorm(ts: readonly Tensor[], maxNorm: number): { clipped: Tensor[]; globalNorm: Tensor } {
  checkPositive('clipByGlobalNorm', 'maxNorm', maxNorm);
  if (ts.length === 0) return { clipped: [], globalNorm: scalar(0) };
  const globalNorm = l2Norm(stack(ts.map((t) => reshape(l2Norm(t), [1]))));
  const factor = div(maxNorm, maximum(globalNorm, maxNorm));
  return { clipped: ts.map((t) => mul(t, factor)), globalNorm };
}

/** The clipping options every optimizer accepts, with Keras' names and meaning. */
export interface ClipOptions {
  /** Each gradient is rescaled to at most this norm, separately. */
  clipNorm?: number;
  /** All gradients together are rescaled to at most this joint norm. */
  globalClipNorm?: number;
  /** Each gradient entry is clipped to [−clipValue, clipValue]. */
  clipValue?: number;
}

/**
 * Applies the configured clipping in Keras' order: by norm (per tensor or global), then by value.
 * @example clipGradients([tensor([30, 40])], { clipNorm: 10, clipValue: 7 }); // → [[6, 7]]
 */
export function clipGradients(
  grads: readonly Tensor[],
  { clipNorm, globalClipNorm, clipValue }: ClipOptions,
): Tensor[] {
  let out = [...grads];
  if (clipNorm !== undefined) out = out.map((g) => clipByNorm(g, clipNorm));
  if (globalClipNorm !== undefined) out = clipByGlobalNorm(out, globalClipNorm).clipped;
  if (clipValue !== undefined) out = out.map((g) => clipByValue(g, -clipValue, clipValue));
  return out;
}
