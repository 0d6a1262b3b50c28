import type { KernelSpecs, SoftmaxAttrs, TensorInfo } from '../backend/kernels.js';
import { type SoftmaxRows, softmaxRows } from '../backend/softmax-rows.js';
import type { TypedArray } from '../dtype.js';
import type { CpuStorage } from './storage.js';

/** Where a row's keys are visible: a causal prefix `[0, limit)` and, within it, an optional mask row. */
interface RowMask {
  readonly limit: number;
  readonly mask: TypedArray | null;
  /** Offset of this row's mask entries in `mask`. */
  readonly at: number;
}

function rowMask(
  r: number,
  { cols, queries }: SoftmaxRows,
  attrs: SoftmaxAttrs,
  mask: TypedArray | null,
  maskRows: TypedArray | null,
): RowMask {
  const limit = attrs.causal ? Math.max(0, Math.min(cols, (r % queries) + attrs.causalOffset + 1)) : cols;
  return { limit, mask, at: mask ? maskRows![r]! * cols : 0 };
}

const sees = (m: RowMask, j: number): boolean => j < m.limit && (m.mask === null || m.mask[m.at + j] !== 0);

function maskInputs(store: CpuStorage, inputs: readonly TensorInfo[], first: number) {
  const mask = inputs[first];
  return mask
    ? { mask: store.get(mask.dataId), maskRows: store.get(inputs[first + 1]!.dataId) }
    : { mask: null, maskRows: null };
}

/** Reference softmax kernel: per row the max of the visible scaled logits, their exponentials, one division. */
export function softmax(
  store: CpuStorage,
  inputs: KernelSpecs['softmax']['inputs'],
  attrs: KernelSpecs['softmax']['attrs'],
): TensorInfo {
  const x = inputs[0];
  const xs = store.get(x.dataId);
  const { mask, maskRows } = maskInputs(store, inputs, 1);
  const geo = softmaxRows(x.shape);
  const { rows, cols } = geo;
  const scale = attrs.scale;
  const out = new Float32Array(xs.length);
  for (let r = 0; r < rows; r++) {
    const m = rowMask(r, geo, attrs, mask, maskRows);
    const base = r * cols;
    let max = -Infinity;
    let visible = 0;
    for (let j = 0; j < m.limit; j++) {
      if (!sees(m, j)) continue;
      visible++;
      const v = scale * xs[base + j]!;
      if (v > max) max = v;
    }
    if (visible === 0) {
      // What the additive −1e9 mask gave: every score equal, so every key weighs the same.
      out.fill(1 / cols, base, base + cols);
      continue;
    }
    let total = 0;
    for (let j = 0; j < m.limit; j++) {
      if (!sees(m, j)) continue;
      const e = Math.exp(scale * xs[base + j]! - max);
      out[base + j] = e;
      total += e;
    }
    const inv = 1 / total;
    for (let j = 0; j < m.limit; j++) out[base + j] = out[base + j]! * inv;
  }
  return store.put(out, x.shape, 'float32');
}

/** Reference softmax backward: dx = scale · y ⊙ (dy − Σ dy ⊙ y) on the visible keys, 0 elsewhere. */
export function softmaxGrad(
  store: CpuStorage,
  inputs: KernelSpecs['softmaxGrad']['inputs'],
  attrs: KernelSpecs['softmaxGrad']['attrs'],
): TensorInfo {
  const [y, dy] = inputs;
  const ys = store.get(y.dataId);
  const dys = store.get(dy.dataId);
  const { mask, maskRows } = maskInputs(store, inputs, 2);
  const geo = softmaxRows(y.shape);
  const { rows, cols } = geo;
  const out = new Float32Array(ys.length);
  for (let r = 0; r < rows; r++) {
    const m = rowMask(r, geo, attrs, mask, maskRows);
    const base = r * cols;
    let dot = 0;
    for (let j = 0; j < m.limit; j++) if (sees(m, j)) dot += dys[base + j]! * ys[base + j]!;
    for (let j = 0; j < m.limit; j++)
      if (sees(m, j)) out[base + j] = attrs.scale * ys[base + j]! * (dys[base + j]! - dot);
  }
  return store.put(out, y.shape, 'float32');
}
