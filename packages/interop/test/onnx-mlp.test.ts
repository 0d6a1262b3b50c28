import { describe, expect, it } from 'vitest';
import { setSeed, type Tensor } from '@rectify/tensor';
import { Functional, activation, dense, dropout, elu, input, leakyRelu, prelu } from '@rectify/layers';
import { encodeOnnx } from '@rectify/interop';
import { applyStack, compareWithOrt, normal, runOnnx } from './helpers.js';

describe('exportOnnx: MLP', () => {
  it('a layer stack with gelu, selu, swish, mish, hardSwish, prelu, elu, leaky relu and softmax matches ONNX Runtime within 1e-5', async () => {
    setSeed(1);
    const layers = [
      dense({ units: 16, activation: 'gelu', inputShape: [6] }),
      dense({ units: 16, activation: 'selu' }),
      dense({ units: 16, activation: 'swish' }),
      prelu({ alphaInitializer: { name: 'randomUniform', minval: 0.05, maxval: 0.5 } }),
      dense({ units: 16, activation: 'mish' }),
      dropout({ rate: 0.5 }),
      dense({ units: 16, activation: 'hardSwish' }),
      elu({ alpha: 0.7 }),
      dense({ units: 12, activation: { name: 'gelu', approximate: 'tanh' } }),
      leakyRelu({ alpha: 0.2 }),
      dense({ units: 8, activation: 'hardSigmoid' }),
      dense({ units: 4, activation: 'softmax' }),
    ];
    const x = normal([5, 6], 2);
    const expected = applyStack(layers, x);
    const r = await compareWithOrt({ layers }, { input: x }, expected);
    expect(r.dims).toEqual([5, 4]);
    expect(r.outputs).toEqual([layers[layers.length - 1]!.name]);
    expect(r.diff).toBeLessThan(1e-5);
  });

  it('a functional graph with two inputs, a residual add and several activations matches ONNX Runtime', async () => {
    setSeed(2);
    const a = input({ shape: [4], name: 'features' });
    const h = dense({ units: 8, activation: 'tanh' }).apply(a);
    const g = dense({ units: 8, activation: 'celu' }).apply(activation({ activation: 'softplus' }).apply(h));
    const y = dense({ units: 3, activation: 'logSoftmax', name: 'scores' }).apply(
      dense({ units: 8, activation: 'softsign' }).apply(g),
    );
    const model = new Functional({ inputs: a, outputs: y });
    const x = normal([7, 4], 3);
    const r = await compareWithOrt(model, { features: x }, model.apply(x) as Tensor);
    expect(r.outputs).toEqual(['scores']);
    expect(r.diff).toBeLessThan(1e-5);
  });

  it('keeps the batch dimension symbolic: one file serves batches of 1 and 9', async () => {
    setSeed(3);
    const layers = [dense({ units: 3, activation: 'relu', inputShape: [2] }), dense({ units: 1 })];
    applyStack(layers, normal([1, 2]));
    const bytes = encodeOnnx({ layers });
    for (const n of [1, 9]) {
      const x = normal([n, 2]);
      const out = await runOnnx(bytes, { input: x });
      expect(out[layers[1]!.name]!.dims).toEqual([n, 1]);
    }
  });

  it('refuses a stack whose layers are not built, naming the layer', () => {
    const layers = [dense({ units: 3, inputShape: [2], name: 'fresh' })];
    expect(() => encodeOnnx({ layers })).toThrow(
      "exportOnnx: layer 'fresh' is not built yet (it has no weights); run the model once or build it before exporting",
    );
  });
});
