import * as ort from 'onnxruntime-node';
import { type Tensor, randomNormal, setSeed } from '@rectify/tensor';
import { type Layer, type Shape } from '@rectify/layers';
import { encodeOnnx, type ExportableModel, type OnnxExportOptions } from '@rectify/interop';

/** Runs ONNX bytes in ONNX Runtime (CPU) on float32/int32 feeds and returns every output by name. */
export async function runOnnx(
  bytes: Uint8Array,
  feeds: Record<string, Tensor>,
): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      const data = t.dtype === 'int32' ? Int32Array.from(t.dataSync()) : Float32Array.from(t.dataSync());
      ortFeeds[name] = new ort.Tensor(t.dtype === 'int32' ? 'int32' : 'float32', data, [...t.shape]);
    }
    const out = await session.run(ortFeeds);
    const result: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
    for (const [name, v] of Object.entries(out)) result[name] = { data: v.data as Float32Array, dims: v.dims };
    return result;
  } finally {
    await session.release();
  }
}

/** The largest |a − b| over two equally long arrays; Infinity when a length or a NaN position differs. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) !== Number.isNaN(b[i]!)) return Infinity;
    if (!Number.isNaN(a[i]!)) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  }
  return m;
}

/** Runs a layer stack on real tensors (inference), as Sequential.call does. */
export function applyStack(layers: readonly Layer[], x: Tensor): Tensor {
  return layers.reduce<Tensor>((h, l) => l.apply(h) as Tensor, x);
}

/** Exports `model`, runs it in ONNX Runtime on `x` and returns the single output plus Rectify's prediction. */
export async function compareWithOrt(
  model: ExportableModel,
  feeds: Record<string, Tensor>,
  expected: Tensor,
  options: OnnxExportOptions = {},
): Promise<{ diff: number; dims: readonly number[]; outputs: string[] }> {
  if (!Array.from(expected.dataSync()).every(Number.isFinite))
    throw new Error('compareWithOrt: the Rectify prediction is not finite; the comparison would prove nothing');
  const out = await runOnnx(encodeOnnx(model, options), feeds);
  const names = Object.keys(out);
  const got = out[names[0]!]!;
  return { diff: maxAbsDiff(got.data, expected.dataSync()), dims: got.dims, outputs: names };
}

/** A seeded standard-normal batch scaled by `scale`. */
export function normal(shape: Shape | number[], scale = 1, seed = 7): Tensor {
  setSeed(seed);
  const t = randomNormal(shape as number[], 0, scale);
  return t;
}
