import { beforeAll, describe, expect, it } from 'vitest';
import { type Tensor, setSeed, tensor } from '@rectify/tensor';
import * as L from '@rectify/layers';
import { fromTfjsArtifacts, toTfjsArtifacts } from '@rectify/interop';
import { applyStack, maxAbsDiff, normal } from './helpers.js';
import { loadInTfjs, saveFromTfjs, tfjsPredict, tfjsReady } from './tfjs-helpers.js';

beforeAll(tfjsReady);

/** Stacks of the layers added for sequences and modern vision, each with an input shape (batch first). */
const stacks: { name: string; shape: number[]; ints?: number; layers: () => L.Layer[] }[] = [
  {
    name: 'Embedding(maskZero) → LSTM → Bidirectional GRU → Dense',
    shape: [3, 6],
    ints: 7,
    layers: () => [
      L.embedding({ inputDim: 7, outputDim: 4, maskZero: true, inputShape: [6] }),
      L.lstm({ units: 5, returnSequences: true, biasInitializer: { name: 'randomNormal', seed: 1 } }),
      L.bidirectional({ layer: L.gru({ units: 3, resetAfter: false }), mergeMode: 'ave' }),
      L.dense({ units: 2 }),
    ],
  },
  {
    name: 'SimpleRNN → RepeatVector → Permute → Softmax',
    shape: [2, 4, 3],
    layers: () => [
      L.simpleRNN({ units: 3, inputShape: [4, 3], goBackwards: true }),
      L.repeatVector({ n: 2 }),
      L.permute({ dims: [2, 1] }),
      L.softmax(),
    ],
  },
  {
    name: 'Conv1D → MaxPooling1D → AveragePooling1D → GlobalMaxPooling1D',
    shape: [2, 12, 3],
    layers: () => [
      L.conv1d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [12, 3] }),
      L.maxPooling1d({ poolSize: 2 }),
      L.averagePooling1d({ poolSize: 2, strides: 1 }),
      L.globalMaxPooling1d(),
    ],
  },
  {
    name: 'ZeroPadding2D → SeparableConv2D → DepthwiseConv2D → Conv2DTranspose → UpSampling2D → Cropping2D → GlobalMaxPooling2D',
    shape: [2, 6, 6, 2],
    layers: () => [
      L.zeroPadding2d({ padding: 1, inputShape: [6, 6, 2] }),
      // tfjs does not write SeparableConv2D's depth_multiplier (its own files only reload with 1).
      L.separableConv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
      L.depthwiseConv2d({ kernelSize: 2, strides: 2, depthMultiplier: 2 }),
      L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }),
      L.upSampling2d({ size: [2, 1] }),
      L.cropping2d({
        cropping: [
          [1, 1],
          [0, 2],
        ],
      }),
      L.globalMaxPooling2d(),
    ],
  },
  {
    name: 'Rescaling → GaussianNoise → GaussianDropout → AlphaDropout → Dense → ThresholdedReLU',
    shape: [3, 4],
    layers: () => [
      L.rescaling({ scale: 0.5, offset: 1, inputShape: [4] }),
      L.gaussianNoise({ stddev: 0.2 }),
      L.gaussianDropout({ rate: 0.1 }),
      L.alphaDropout({ rate: 0.1 }),
      L.dense({ units: 3 }),
      L.thresholdedRelu({ theta: 0.1 }),
    ],
  },
  {
    name: 'Masking → SpatialDropout1D → SimpleRNN',
    shape: [2, 3, 2],
    layers: () => [
      L.masking({ maskValue: 0, inputShape: [3, 2] }),
      L.spatialDropout1d({ rate: 0.3 }),
      L.simpleRNN({ units: 2 }),
    ],
  },
];

function probe(shape: number[], ints?: number): Tensor {
  if (!ints) return normal(shape, 3);
  const n = shape.reduce((a, b) => a * b, 1);
  // Trailing zeros: padding the mask must skip.
  return tensor(
    Array.from({ length: n }, (_, i) => (i % shape[1]! >= shape[1]! - 2 ? 0 : 1 + ((i * 5) % (ints - 1)))),
    shape,
    'int32',
  );
}

describe('sequence and vision layers: Rectify ⇄ TensorFlow.js layers format', () => {
  for (const s of stacks) {
    it(`${s.name}: tfjs loads our file and predicts the same; we load tfjs's file back`, async () => {
      setSeed(7);
      const layers = s.layers();
      const x = probe(s.shape, s.ints);
      const ours = applyStack(layers, x);
      const artifacts = toTfjsArtifacts({ layers, name: 'seq' });
      const tfModel = await loadInTfjs(artifacts);
      expect(maxAbsDiff(tfjsPredict(tfModel, x), ours.dataSync())).toBeLessThan(1e-5);
      const { modelJson, weightData } = await saveFromTfjs(tfModel);
      const back = fromTfjsArtifacts(modelJson, weightData);
      expect(back.className).toBe('Sequential');
      if (back.className !== 'Sequential') return;
      expect(back.layers.map((l) => l.className)).toEqual(layers.map((l) => l.className));
      expect(maxAbsDiff(applyStack(back.layers, x).dataSync(), ours.dataSync())).toBeLessThan(1e-5);
    });
  }

  it('refuses what TensorFlow.js would compute differently, naming the layer', () => {
    const gru = [L.gru({ units: 2, name: 'g', inputShape: [3, 2] })];
    applyStack(gru, normal([1, 3, 2]));
    expect(() => toTfjsArtifacts({ layers: gru, name: 'm' })).toThrow(/layer 'g' \(GRU\) has resetAfter true/);
    const up = [L.upSampling2d({ interpolation: 'bilinear', name: 'u', inputShape: [2, 2, 1] })];
    applyStack(up, normal([1, 2, 2, 1]));
    expect(() => toTfjsArtifacts({ layers: up, name: 'm' })).toThrow(
      /layer 'u' \(UpSampling2D\) uses bilinear interpolation/,
    );
    const grouped = [L.conv2d({ filters: 2, kernelSize: 1, groups: 2, name: 'c', inputShape: [2, 2, 2] })];
    applyStack(grouped, normal([1, 2, 2, 2]));
    expect(() => toTfjsArtifacts({ layers: grouped, name: 'm' })).toThrow(/layer 'c' \(Conv2D\) has groups 2/);
  });
});
