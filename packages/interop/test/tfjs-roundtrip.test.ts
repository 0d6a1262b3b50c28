import { beforeAll, describe, expect, it } from 'vitest';
import { setSeed, type Tensor } from '@rectify/tensor';
import {
  Functional,
  add,
  averagePooling2d,
  batchNormalization,
  concatenate,
  conv2d,
  dense,
  dropout,
  elu,
  embedding,
  flatten,
  input,
  layerNormalization,
  leakyRelu,
  maxPooling2d,
  prelu,
  activation,
} from '@rectify/layers';
import { fromTfjsArtifacts, toTfjsArtifacts, type TfjsImport } from '@rectify/interop';
import { applyStack, maxAbsDiff, normal } from './helpers.js';
import { loadInTfjs, saveFromTfjs, tfjsPredict, tfjsReady, tf, tfl } from './tfjs-helpers.js';

beforeAll(tfjsReady);

function trainBatchNorm(layers: Parameters<typeof applyStack>[0], x: Tensor): void {
  for (let i = 0; i < 3; i++) layers.reduce<Tensor>((h, l) => l.apply(h, { training: true }) as Tensor, x);
}

/** Runs an imported model in Rectify. */
function runImported(m: TfjsImport, x: Tensor): Tensor {
  return m.className === 'Sequential' ? applyStack(m.layers, x) : (m.model.apply(x) as Tensor);
}

describe('Rectify → TensorFlow.js', () => {
  it('an MLP loads with tf.loadLayersModel and predicts the same within 1e-5', async () => {
    setSeed(51);
    const layers = [
      dense({ units: 12, activation: 'relu', inputShape: [5], kernelRegularizer: 'l2' }),
      leakyRelu(),
      dense({ units: 10, activation: 'gelu' }),
      elu(),
      dense({ units: 10, activation: 'swish' }),
      prelu({ alphaInitializer: { name: 'constant', value: 0.2 } }),
      batchNormalization(),
      dropout({ rate: 0.2 }),
      dense({ units: 8, activation: 'selu' }),
      dense({ units: 3, activation: 'softmax' }),
    ];
    const x = normal([6, 5], 2);
    trainBatchNorm(layers, x);
    const artifacts = toTfjsArtifacts({ layers, name: 'mlp' });
    const topology = JSON.stringify(artifacts.modelJson.modelTopology);
    // Keras' LeakyReLU default (0.3) is written out, not left to whichever default the reader has.
    expect(topology).toContain('{"class_name":"LeakyReLU","config":{"alpha":0.3');
    expect(artifacts.modelJson.modelTopology['class_name']).toBe('Sequential');
    const tfModel = await loadInTfjs(artifacts);
    expect(maxAbsDiff(tfjsPredict(tfModel, x), applyStack(layers, x).dataSync())).toBeLessThan(1e-5);
  });

  it('a CNN loads and predicts the same within 1e-5', async () => {
    setSeed(52);
    const layers = [
      conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 2] }),
      batchNormalization(),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 3, kernelSize: [2, 3], strides: [1, 2], padding: 'valid', activation: 'tanh' }),
      averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
      flatten(),
      dense({ units: 4, activation: 'softmax' }),
    ];
    const x = normal([3, 8, 8, 2]);
    trainBatchNorm(layers, x);
    const tfModel = await loadInTfjs(toTfjsArtifacts({ layers }));
    expect(maxAbsDiff(tfjsPredict(tfModel, x), applyStack(layers, x).dataSync())).toBeLessThan(1e-5);
  });

  it('a functional graph (add, concatenate, layer norm) loads and predicts the same', async () => {
    setSeed(53);
    const a = input({ shape: [6], name: 'x' });
    const h = dense({ units: 6, activation: 'tanh' }).apply(a);
    const s = add().apply([a, h]);
    const c = concatenate().apply([s, dense({ units: 2 }).apply(a)]);
    const y = dense({ units: 3 }).apply(layerNormalization().apply(c));
    const model = new Functional({ inputs: a, outputs: y, name: 'graph' });
    const x = normal([4, 6]);
    const artifacts = toTfjsArtifacts(model);
    expect(artifacts.modelJson.modelTopology['class_name']).toBe('Model');
    const tfModel = await loadInTfjs(artifacts);
    expect(maxAbsDiff(tfjsPredict(tfModel, x), (model.apply(x) as Tensor).dataSync())).toBeLessThan(1e-5);
  });

  it('refuses what tfjs cannot compute the same, naming the layer', () => {
    const d = dense({ units: 2, activation: 'leakyRelu', inputShape: [3], name: 'leaky' });
    d.apply(normal([1, 3]));
    expect(() => toTfjsArtifacts({ layers: [d] })).toThrow(
      `toTfjs: layer 'leaky' uses activation {"name":"leakyRelu","alpha":0.01}, which no TensorFlow.js activation computes; use a separate layer (LeakyReLU, ELU, PReLU) or a supported activation`,
    );
    // tfjs' hard_sigmoid is 0.2x + 0.5, Rectify's relu6(x + 3)/6: a different function, so no mapping.
    const hs = activation({ activation: 'hardSigmoid', inputShape: [3], name: 'hs' });
    hs.apply(normal([1, 3]));
    expect(() => toTfjsArtifacts({ layers: [hs] })).toThrow(
      'toTfjs: layer \'hs\' uses activation {"name":"hardSigmoid"}, which no TensorFlow.js activation computes',
    );
    // tfjs' ELU layer only implements alpha = 1.
    const e = elu({ alpha: 0.4, inputShape: [3], name: 'elu4' });
    e.apply(normal([1, 3]));
    expect(() => toTfjsArtifacts({ layers: [e] })).toThrow(
      "toTfjs: layer 'elu4' (ELU) has alpha 0.4; TensorFlow.js' ELU layer only implements alpha 1",
    );
    const unbuilt = dense({ units: 1, inputShape: [2], name: 'fresh' });
    expect(() => toTfjsArtifacts({ layers: [unbuilt] })).toThrow(
      "toTfjs: layer 'fresh' is not built yet (it has no weights); run the model once or build it",
    );
  });
});

describe('TensorFlow.js → Rectify', () => {
  it('a model saved with its optimizer (includeOptimizer) loads, the optimizer weights stepped over', async () => {
    const m = tfl.sequential({
      layers: [tfl.layers.dense({ units: 4, activation: 'relu', inputShape: [3] }), tfl.layers.dense({ units: 2 })],
    });
    m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    await m.fit(tf.ones([4, 3]), tf.zeros([4, 2]), { epochs: 1, verbose: 0 });
    const { modelJson, weightData } = await saveFromTfjs(m, true);
    const specs = modelJson.weightsManifest[0]!.weights as unknown as { group?: string; dtype: string }[];
    expect(specs.some((s) => s.group === 'optimizer' && s.dtype === 'int32')).toBe(true);
    const imported = fromTfjsArtifacts(modelJson, weightData);
    const x = normal([5, 3], 3);
    expect(maxAbsDiff(runImported(imported, x).dataSync(), tfjsPredict(m, x))).toBeLessThan(1e-5);
  });

  it('an MLP saved by tfjs loads and predicts the same within 1e-5', async () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 10, activation: 'relu', inputShape: [4] }),
        tfl.layers.leakyReLU(),
        tfl.layers.dense({ units: 8, activation: 'elu' }),
        tfl.layers.batchNormalization({
          movingMeanInitializer: 'randomNormal',
          movingVarianceInitializer: 'ones',
          gammaInitializer: 'randomUniform',
        }),
        tfl.layers.prelu({ alphaInitializer: tfl.initializers.constant({ value: 0.1 }) }),
        tfl.layers.dropout({ rate: 0.3 }),
        tfl.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    const { modelJson, weightData } = await saveFromTfjs(m);
    const imported = fromTfjsArtifacts(modelJson, weightData);
    expect(imported.className).toBe('Sequential');
    const x = normal([5, 4], 2);
    expect(maxAbsDiff(runImported(imported, x).dataSync(), tfjsPredict(m, x))).toBeLessThan(1e-5);
  });

  it('a CNN saved by tfjs loads and predicts the same within 1e-5', async () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [7, 7, 2] }),
        tfl.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
        tfl.layers.batchNormalization({ movingMeanInitializer: 'randomNormal' }),
        tfl.layers.conv2d({ filters: 2, kernelSize: 2, strides: 2, activation: 'sigmoid' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    const { modelJson, weightData } = await saveFromTfjs(m);
    const imported = fromTfjsArtifacts(modelJson, weightData);
    const x = normal([2, 7, 7, 2]);
    expect(maxAbsDiff(runImported(imported, x).dataSync(), tfjsPredict(m, x))).toBeLessThan(1e-5);
  });

  it('a functional tfjs model with an embedding and an add loads and predicts the same', async () => {
    const ids = tfl.input({ shape: [4], dtype: 'int32' });
    const e = tfl.layers.embedding({ inputDim: 9, outputDim: 3 }).apply(ids) as tfl.SymbolicTensor;
    const f = tfl.layers.flatten().apply(e) as tfl.SymbolicTensor;
    const y = tfl.layers
      .add()
      .apply([
        tfl.layers.dense({ units: 2 }).apply(f) as tfl.SymbolicTensor,
        tfl.layers.dense({ units: 2, activation: 'tanh' }).apply(f) as tfl.SymbolicTensor,
      ]);
    const m = tfl.model({ inputs: ids, outputs: y as tfl.SymbolicTensor });
    const { modelJson, weightData } = await saveFromTfjs(m);
    const imported = fromTfjsArtifacts(modelJson, weightData);
    expect(imported.className).toBe('Model');
    const { tensor } = await import('@rectify/tensor');
    const x = tensor(
      [
        [1, 2, 3, 8],
        [0, 0, 5, 4],
      ],
      [2, 4],
      'int32',
    );
    expect(maxAbsDiff(runImported(imported, x).dataSync(), tfjsPredict(m, x))).toBeLessThan(1e-5);
  });

  it("a LeakyReLU without alpha in the file gets Keras' default 0.3 (not Rectify's 0.01), as tfjs does", async () => {
    const m = tfl.sequential({
      layers: [tfl.layers.dense({ units: 4, inputShape: [3] }), tfl.layers.leakyReLU({ alpha: 0.3 })],
    });
    const { modelJson, weightData } = await saveFromTfjs(m);
    const layers = (modelJson.modelTopology['config'] as { layers: { config: Record<string, unknown> }[] }).layers;
    delete layers[1]!.config['alpha'];
    const tfFromFile = await loadInTfjs({ modelJson, weightData });
    const imported = fromTfjsArtifacts(modelJson, weightData);
    if (imported.className !== 'Sequential') throw new Error('expected a Sequential');
    expect((imported.layers[1]!.getConfig() as unknown as { alpha: number }).alpha).toBe(0.3);
    const x = normal([3, 3], 3);
    expect(maxAbsDiff(runImported(imported, x).dataSync(), tfjsPredict(tfFromFile, x))).toBeLessThan(1e-5);
    expect(maxAbsDiff(runImported(imported, x).dataSync(), tfjsPredict(m, x))).toBeLessThan(1e-5);
  });

  it('round trip Rectify → tfjs → Rectify keeps every prediction', async () => {
    setSeed(54);
    const layers = [
      embedding({ inputDim: 5, outputDim: 4, inputShape: [3] }),
      flatten(),
      dense({ units: 2, activation: 'mish' }),
    ];
    const { tensor } = await import('@rectify/tensor');
    const x = tensor(
      [
        [0, 1, 4],
        [2, 2, 3],
      ],
      [2, 3],
      'int32',
    );
    const expected = applyStack(layers, x).dataSync();
    const artifacts = toTfjsArtifacts({ layers });
    const back = fromTfjsArtifacts(JSON.parse(JSON.stringify(artifacts.modelJson)), artifacts.weightData);
    expect(maxAbsDiff(runImported(back, x).dataSync(), expected)).toBe(0);
  });
});
