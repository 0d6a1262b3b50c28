import { describe, expect, it } from 'vitest';
import { randomUniform, setSeed, type Tensor, tensor } from '@rectify/tensor';
import {
  Functional,
  add,
  dense,
  embedding,
  globalAveragePooling2d,
  input,
  layerNormalization,
  multiHeadAttention,
  reshape,
  transformerEncoder,
} from '@rectify/layers';
import { applyStack, compareWithOrt, normal } from './helpers.js';

function tokens(batch: number, length: number, vocab: number, seed: number): Tensor {
  setSeed(seed);
  return tensor(Array.from(randomUniform([batch * length], 0, vocab).dataSync(), Math.floor), [batch, length], 'int32');
}

describe('exportOnnx: transformer', () => {
  for (const normFirst of [false, true]) {
    it(`embedding + two encoder blocks (${normFirst ? 'pre' : 'post'}-norm, gelu, causal) match ONNX Runtime within 1e-5`, async () => {
      setSeed(21);
      const ids = input({ shape: [6], dtype: 'int32', name: 'ids' });
      let h = embedding({
        inputDim: 11,
        outputDim: 8,
        embeddingsInitializer: { name: 'randomNormal', stddev: 1 },
      }).apply(ids);
      h = transformerEncoder({ numHeads: 2, intermediateDim: 16, activation: 'gelu', normFirst, dropout: 0.1 }).apply(
        h,
        { useCausalMask: true },
      );
      h = transformerEncoder({
        numHeads: 4,
        intermediateDim: 12,
        activation: { name: 'gelu', approximate: 'tanh' },
        normFirst,
      }).apply(h);
      const y = dense({ units: 5, activation: 'softmax', name: 'logits' }).apply(
        layerNormalization({ epsilon: 1e-5 }).apply(h),
      );
      const model = new Functional({ inputs: ids, outputs: y });
      const x = tokens(3, 6, 11, 5);
      for (const opset of [17, 20]) {
        const r = await compareWithOrt(model, { ids: x }, model.apply(x) as Tensor, { opset });
        expect(r.dims).toEqual([3, 6, 5]);
        expect(r.diff).toBeLessThan(1e-5);
      }
    });
  }

  it('cross-attention with a causal mask over sequences of unknown length (mask built in the graph)', async () => {
    setSeed(22);
    const q = input({ shape: [null, 6], name: 'query' });
    const v = input({ shape: [null, 4], name: 'memory' });
    const mha = multiHeadAttention({ numHeads: 3, keyDim: 2, valueDim: 3, outputDim: 5 });
    const a = mha.apply([q, v], { useCausalMask: true });
    const y = add({ name: 'out' }).apply([a, dense({ units: 5 }).apply(q)]);
    const model = new Functional({ inputs: [q, v], outputs: y });
    for (const [t, s] of [
      [4, 4],
      [3, 5],
    ] as const) {
      const xq = normal([2, t, 6], 1, 1);
      const xv = normal([2, s, 4], 1, 2);
      const r = await compareWithOrt(model, { query: xq, memory: xv }, model.apply([xq, xv]) as Tensor);
      expect(r.dims).toEqual([2, t, 5]);
      expect(r.diff).toBeLessThan(1e-5);
    }
  });

  it('a layer stack starting with an embedding takes int32 indices', async () => {
    setSeed(23);
    const layers = [
      embedding({ inputDim: 7, outputDim: 4, inputShape: [5] }),
      reshape({ targetShape: [5, 2, 2] }),
      globalAveragePooling2d(),
      dense({ units: 3, activation: 'mish' }),
    ];
    const x = tokens(2, 5, 7, 3);
    const r = await compareWithOrt({ layers }, { input: x }, applyStack(layers, x), { opset: 18 });
    expect(r.dims).toEqual([2, 3]);
    expect(r.diff).toBeLessThan(1e-5);
  });
});
