import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Tensor } from '@rectify/tensor';
import type { TfjsArtifacts, TfjsModelJson } from '@rectify/interop';

export { tf, tfl };

/** tfjs on its CPU backend, silenced. */
export async function tfjsReady(): Promise<void> {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
}

/** Loads Rectify's artifacts with tfjs' own loader. */
export function loadInTfjs(a: TfjsArtifacts): Promise<tfl.LayersModel> {
  const data = a.weightData.slice().buffer;
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: a.modelJson.modelTopology as object,
      weightSpecs: a.modelJson.weightsManifest[0]!.weights,
      weightData: data,
    }),
  );
}

/** What tfjs' model.save writes, as model.json content plus the weights. */
export async function saveFromTfjs(
  model: tfl.LayersModel,
  includeOptimizer = false,
): Promise<{ modelJson: TfjsModelJson; weightData: Uint8Array }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer },
  );
  const weights = saved!.weightData as ArrayBuffer;
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: 'tfjs',
      convertedBy: null,
      modelTopology: saved!.modelTopology as Record<string, unknown>,
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: saved!.weightSpecs as never }],
    },
    weightData: new Uint8Array(weights),
  };
}

/** tfjs' prediction for a Rectify tensor's values. */
export function tfjsPredict(model: tfl.LayersModel, x: Tensor): Float32Array {
  const input = tf.tensor(Array.from(x.dataSync()), [...x.shape], x.dtype === 'int32' ? 'int32' : 'float32');
  const y = model.predict(input) as tf.Tensor;
  const out = y.dataSync() as Float32Array;
  input.dispose();
  y.dispose();
  return out;
}
