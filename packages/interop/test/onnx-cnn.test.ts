import { describe, expect, it } from 'vitest';
import { setSeed, type Tensor } from '@rectify/tensor';
import {
  Functional,
  activation,
  averagePooling2d,
  batchNormalization,
  conv2d,
  dense,
  flatten,
  globalAveragePooling2d,
  input,
  maxPooling2d,
  prelu,
  reshape,
} from '@rectify/layers';
import { applyStack, compareWithOrt, normal } from './helpers.js';

/** Moves the batch-norm statistics away from 0/1 so that the exported inference form is actually exercised. */
function trainStatistics(layers: Parameters<typeof applyStack>[0], x: Tensor, steps = 3): void {
  for (let i = 0; i < steps; i++) layers.reduce<Tensor>((h, l) => l.apply(h, { training: true }) as Tensor, x);
}

describe('exportOnnx: CNN', () => {
  it('conv (same, valid, strided, dilated) + batch norm + pooling + flatten matches ONNX Runtime within 1e-5', async () => {
    setSeed(11);
    const layers = [
      conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [9, 8, 2] }),
      batchNormalization({ momentum: 0.5 }),
      maxPooling2d({ poolSize: 2, padding: 'same' }),
      conv2d({ filters: 5, kernelSize: [2, 3], strides: [2, 1], padding: 'same', activation: 'swish' }),
      conv2d({ filters: 3, kernelSize: 2, dilationRate: 2, padding: 'valid' }),
      averagePooling2d({ poolSize: [2, 1], strides: 1, padding: 'same' }),
      prelu({ sharedAxes: [1, 2], alphaInitializer: { name: 'constant', value: 0.1 } }),
      flatten(),
      dense({ units: 6, activation: 'softmax' }),
    ];
    const x = normal([3, 9, 8, 2], 1.5);
    trainStatistics(layers, x);
    const r = await compareWithOrt({ layers }, { input: x }, applyStack(layers, x));
    expect(r.dims).toEqual([3, 6]);
    expect(r.diff).toBeLessThan(1e-5);
  });

  it('conv with a softmax activation (over channels), global average pooling and reshape', async () => {
    setSeed(12);
    const layers = [
      reshape({ targetShape: [6, 6, 1], inputShape: [36] }),
      conv2d({ filters: 3, kernelSize: 3, activation: 'softmax' }),
      batchNormalization({ center: false, scale: false }),
      maxPooling2d({ poolSize: 3, strides: 1 }),
      globalAveragePooling2d(),
      dense({ units: 2 }),
    ];
    const x = normal([4, 36]);
    trainStatistics(layers, x);
    const r = await compareWithOrt({ layers }, { input: x }, applyStack(layers, x));
    expect(r.dims).toEqual([4, 2]);
    expect(r.diff).toBeLessThan(1e-5);
  });

  it('a functional CNN with unknown spatial sizes (SAME_UPPER padding) serves two image sizes', async () => {
    setSeed(13);
    const img = input({ shape: [null, null, 3], name: 'image' });
    const c = conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'elu' }).apply(img);
    const n = batchNormalization().apply(activation({ activation: 'relu6' }).apply(c));
    const p = averagePooling2d({ poolSize: 2, padding: 'same' }).apply(n);
    const y = globalAveragePooling2d({ name: 'pooled' }).apply(p);
    const model = new Functional({ inputs: img, outputs: y });
    model.apply(normal([4, 7, 7, 3], 2, 1), { training: true });
    for (const [h, w] of [
      [7, 7],
      [10, 5],
    ] as const) {
      const x = normal([2, h, w, 3], 2);
      const r = await compareWithOrt(model, { image: x }, model.apply(x) as Tensor, { opset: 18 });
      expect(r.outputs).toEqual(['pooled']);
      expect(r.dims).toEqual([2, 4]);
      expect(r.diff).toBeLessThan(1e-5);
    }
  });

  it('batch norm over axis 1 of a rank-3 input (no transpose needed) and over axis 2 (transposed there and back)', async () => {
    setSeed(14);
    for (const axis of [1, 2, -1]) {
      const layers = [batchNormalization({ axis, inputShape: [3, 5], epsilon: 0.01 }), flatten(), dense({ units: 2 })];
      const x = normal([6, 3, 5], 2);
      trainStatistics(layers, x);
      const r = await compareWithOrt({ layers }, { input: x }, applyStack(layers, x));
      expect(r.diff).toBeLessThan(1e-5);
    }
  });
});
