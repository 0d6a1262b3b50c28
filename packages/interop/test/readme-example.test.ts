import { describe, expect, it } from 'vitest';
import { setSeed, tensor, type Tensor } from '@rectify/tensor';
import { Functional, batchNormalization, dense, input } from '@rectify/layers';
import {
  decodeSafetensors,
  encodeOnnx,
  encodeWeightsSafetensors,
  fromTfjsArtifacts,
  toTfjsArtifacts,
} from '@rectify/interop';
import { maxAbsDiff, runOnnx } from './helpers.js';

describe('README example', () => {
  it('runs as written and every path agrees with Rectify', async () => {
    setSeed(61);
    const x = input({ shape: [4], name: 'features' });
    const h = batchNormalization().apply(dense({ units: 8, activation: 'gelu' }).apply(x));
    const model = new Functional({
      inputs: x,
      outputs: dense({ units: 3, activation: 'softmax', name: 'probs' }).apply(h),
    });

    const onnx = encodeOnnx(model);
    const { modelJson, weightData } = toTfjsArtifacts(model);
    const back = fromTfjsArtifacts(modelJson, weightData);
    const weights = decodeSafetensors(encodeWeightsSafetensors(model)).tensors;

    const batch = tensor([
      [1, -2, 0.5, 3],
      [0, 0, 0, 0],
    ]);
    const expected = (model.apply(batch) as Tensor).dataSync();
    expect(maxAbsDiff((await runOnnx(onnx, { features: batch }))['probs']!.data, expected)).toBeLessThan(1e-5);
    if (back.className !== 'Model') throw new Error('expected a functional model');
    expect(maxAbsDiff((back.model.apply(batch) as Tensor).dataSync(), expected)).toBe(0);
    expect([...weights.keys()]).toEqual(model.weights.map((w) => w.name));
  });
});
