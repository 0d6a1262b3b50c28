import { engine } from '../engine.js';
import { DTypeError, ShapeError, ValueError, fmtShape } from '../errors.js';
import { broadcastStrides, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, tensor, toTensor } from './convert.js';
import { cast } from './elementwise.js';
import { broadcastTo, reshape } from './shape.js';

export interface MaskedSoftmaxOptions {
  /** Multiplies the logits before the softmax (attention's 1/√d). Default 1. */
  readonly scale?: number;
  /**
   * Query i — the index along the second-to-last axis — sees only keys j ≤ i + `causalOffset`, worked out from the
   * indices (no mask tensor is made). Default false.
   */
  readonly causal?: boolean;
  /** Shifts the causal diagonal: 0 (the default) lets query i see keys 0..i. */
  readonly causalOffset?: number;
  /** bool, or 0/1 numbers, broadcastable to the logits' shape: false or 0 excludes that key. */
  readonly mask?: TensorLike;
}

/**
 * Softmax over the last axis of `scale · logits` with keys masked out, in one kernel: masked keys get weight
 * exactly 0, and only the weights are kept for the gradient. A row whose keys are all masked gets uniform weights
 * 1/S — what the usual `where(mask, scores, −1e9)` composition gives, since −1e9 is finite. Stable for logits of
 * ±1e4 and beyond.
 *
 * @param logits - `[…, T, S]` scores (int32 and bool are converted to float32); rank ≥ 2 when `causal`.
 * @returns float32 weights, the shape of `logits`, each row summing to 1.
 * Reference: PyTorch `scaled_dot_product_attention`'s softmax(scale·QKᵀ + mask), `is_causal`.
 * @example
 * maskedSoftmax(tensor([[1, 1, 1], [1, 1, 1]]), { causal: true }); // → [[1, 0, 0], [0.5, 0.5, 0]]
 */
export function maskedSoftmax(logits: TensorLike, options: MaskedSoftmaxOptions = {}): Tensor {
  const op = 'maskedSoftmax';
  const { scale = 1, causal = false, causalOffset = 0, mask } = options;
  const t = toTensor(logits, 'logits', op);
  if (t.rank < (causal ? 2 : 1)) {
    throw new ShapeError(
      `${op}: logits must have rank >= ${causal ? '2 ([…, queries, keys]) when causal' : 1}, received ${fmtShape(t.shape)}`,
    );
  }
  if (typeof scale !== 'number' || !Number.isFinite(scale))
    throw new ValueError(`${op}: scale must be a finite number, received ${String(scale)}`);
  if (!Number.isInteger(causalOffset))
    throw new ValueError(`${op}: causalOffset must be an integer, received ${String(causalOffset)}`);
  const x = t.dtype === 'float32' ? t : cast(t, 'float32');
  const attrs = { scale, causal: causal === true, causalOffset };
  if (mask === undefined) return engine.runKernel('softmax', [x], attrs);
  const [m, rows] = maskAsRows(op, toTensor(mask, 'mask', op), x.shape);
  return engine.runKernel('softmax', [x, m, rows], attrs);
}

/**
 * The mask as the kernel reads it: bool `[M, S]` rows plus, for each row of the logits, which mask row applies —
 * so a `[T, S]` or `[B, 1, T, S]` mask serves every head without being broadcast to `[B, H, T, S]`.
 */
function maskAsRows(op: string, mask: Tensor, shape: readonly number[]): [Tensor, Tensor] {
  const rank = shape.length;
  const fits = mask.rank <= rank && mask.shape.every((d, i) => d === 1 || d === shape[rank - mask.rank + i]);
  if (!fits) {
    throw new ShapeError(
      `${op}: mask must broadcast to the logits' shape ${fmtShape(shape)}, received ${fmtShape(mask.shape)}`,
    );
  }
  let b: Tensor;
  if (mask.dtype === 'bool') b = mask;
  else if (mask.dtype === 'float32' || mask.dtype === 'int32') b = cast(mask, 'bool');
  else throw new DTypeError(`${op}: mask must be bool or 0/1 numbers, received dtype ${String(mask.dtype)}`);
  const full = [...new Array<number>(rank - mask.rank).fill(1), ...b.shape];
  const cols = shape[rank - 1]!;
  if (full[rank - 1] !== cols) {
    full[rank - 1] = cols;
    b = broadcastTo(b, full.slice(rank - mask.rank));
  }
  const lead = full.slice(0, -1);
  const rows = maskRowIndices(shape.slice(0, -1), lead);
  return [reshape(b, [sizeOf(lead), cols]), tensor(rows, [rows.length], 'int32')];
}

/** For each row of logits with leading shape `outer`, the row of a mask with leading shape `lead` it reads. */
function maskRowIndices(outer: readonly number[], lead: readonly number[]): Int32Array {
  const strides = broadcastStrides(lead, outer);
  const out = new Int32Array(sizeOf(outer));
  const idx = new Array<number>(outer.length).fill(0);
  let at = 0;
  for (let r = 0; r < out.length; r++) {
    out[r] = at;
    // Advance the multi-index like an odometer, keeping the mask offset in step.
    for (let k = outer.length - 1; k >= 0; k--) {
      idx[k]!++;
      at += strides[k]!;
      if (idx[k]! < outer[k]!) break;
      at -= strides[k]! * idx[k]!;
      idx[k] = 0;
    }
  }
  return out;
}
