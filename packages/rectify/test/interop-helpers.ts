import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Tensor } from '@rectify/tensor';

export { tf, tfl };

/** tfjs on its CPU backend, silenced. */
export async function tfjsReady(): Promise<void> {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
}

/** Runs an .onnx file in ONNX Runtime (CPU) on one float32 input and returns its outputs by name. */
export async function runOnnxFile(
  path: string,
  inputName: string,
  x: Tensor,
): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>> {
  const session = await ort.InferenceSession.create(path);
  try {
    const out = await session.run({
      [inputName]: new ort.Tensor('float32', Float32Array.from(x.dataSync()), [...x.shape]),
    });
    const result: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
    for (const [name, v] of Object.entries(out)) result[name] = { data: v.data as Float32Array, dims: v.dims };
    return result;
  } finally {
    await session.release();
  }
}

/**
 * Loads `dir/model.json` into TensorFlow.js the way its file and HTTP loaders do (`getModelArtifactsForJSON`, the
 * shards listed in the manifest read and concatenated), so the test exercises what a real `tf.loadLayersModel` reads.
 */
export async function loadDirInTfjs(dir: string): Promise<tfl.LayersModel> {
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const shards = await Promise.all(manifest.flatMap((g) => g.paths.map((p) => readFile(join(dir, p)))));
    const bytes = new Uint8Array(Buffer.concat(shards));
    return [manifest.flatMap((g) => g.weights), bytes.buffer];
  });
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** Saves a TensorFlow.js model (tfjs' defaults) and returns what tfjs-node's file handler would write: model.json and weights.bin. */
export async function tfjsFiles(model: tfl.LayersModel): Promise<{ modelJson: string; weights: Uint8Array }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved!;
  const modelJson = {
    modelTopology: a.modelTopology,
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy ?? null,
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
  };
  return { modelJson: JSON.stringify(modelJson), weights: new Uint8Array(a.weightData as ArrayBuffer) };
}

/** tfjs' prediction for a Rectify tensor's values. */
export function tfjsPredict(model: tfl.LayersModel, x: Tensor): Float32Array {
  return tf.tidy(
    () => (model.predict(tf.tensor(Array.from(x.dataSync()), [...x.shape])) as tf.Tensor).dataSync() as Float32Array,
  );
}

/** The largest |a − b|; Infinity when the lengths differ or either side is not finite. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!Number.isFinite(d)) return Infinity;
    m = Math.max(m, d);
  }
  return m;
}
