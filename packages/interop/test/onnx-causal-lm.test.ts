import { describe, expect, it } from 'vitest';
import { randomUniform, setSeed, type Tensor, tensor } from '@rectify/tensor';
import {
  Functional,
  add,
  dense,
  input,
  layerNormalization,
  positionEmbedding,
  sinePositionEncoding,
  tokenAndPositionEmbedding,
  transformerDecoder,
} from '@rectify/layers';
import { compareWithOrt, normal } from './helpers.js';

function tokens(batch: number, length: number, vocab: number, seed: number): Tensor {
  setSeed(seed);
  return tensor(Array.from(randomUniform([batch * length], 0, vocab).dataSync(), Math.floor), [batch, length], 'int32');
}

describe('exportOnnx: causal language model', () => {
  for (const positions of ['learned', 'sine'] as const) {
    it(`token + ${positions} positions → causal geglu and swiglu blocks → softmax matches ONNX Runtime within 1e-5`, async () => {
      setSeed(31);
      const ids = input({ shape: [7], dtype: 'int32', name: 'ids' });
      let h = tokenAndPositionEmbedding({
        vocabularySize: 13,
        sequenceLength: 9,
        embeddingDim: 8,
        positions,
        embeddingsInitializer: { name: 'randomNormal', stddev: 1 },
      }).apply(ids);
      h = transformerDecoder({ numHeads: 2, intermediateDim: 12, activation: 'geglu' }).apply(h);
      h = transformerDecoder({ numHeads: 2, intermediateDim: 12, activation: 'swiglu' }).apply(h);
      const y = dense({ units: 13, activation: 'softmax' }).apply(layerNormalization().apply(h));
      const model = new Functional({ inputs: ids, outputs: y });
      const x = tokens(2, 7, 13, 4);
      const r = await compareWithOrt(model, { ids: x }, model.apply(x) as Tensor);
      expect(r.dims).toEqual([2, 7, 13]);
      expect(r.diff).toBeLessThan(1e-5);
    });
  }

  it('positionEmbedding and sinePositionEncoding broadcast to the input as the layers do', async () => {
    setSeed(32);
    const x = input({ shape: [5, 6], name: 'x' });
    const learned = positionEmbedding({ sequenceLength: 8, initializer: { name: 'randomNormal', seed: 3 } }).apply(x);
    const y = add().apply([x, learned, sinePositionEncoding().apply(x)]);
    const model = new Functional({ inputs: x, outputs: y });
    const data = normal([3, 5, 6]);
    const r = await compareWithOrt(model, { x: data }, model.apply(data) as Tensor);
    expect(r.dims).toEqual([3, 5, 6]);
    expect(r.diff).toBeLessThan(1e-5);
  });
});
