import { type Tensor, ValueError, randomNormal, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  type Layer,
  type LayerClass,
  Dense,
  Functional,
  InputLayer,
  type SymbolicTensor,
  activation,
  add,
  averagePooling2d,
  batchNormalization,
  concatenate,
  conv2d,
  dense,
  deserializeLayer,
  dropout,
  elu,
  embedding,
  flatten,
  globalAveragePooling2d,
  input,
  layerClassNames,
  layerClasses,
  layerNormalization,
  leakyRelu,
  maxPooling2d,
  multiHeadAttention,
  prelu,
  reshape,
  serializeLayer,
  transformerEncoder,
} from '@rectify/layers';
import { values } from './helpers.js';
import { newLayerCases } from './new-layer-cases.js';
import { attentionLayerCases } from './attention-layer-cases.js';

const img = () => randomNormal([2, 4, 4, 3], 0, 1, 'float32', 1);
const seq = () => randomNormal([2, 3, 4], 0, 1, 'float32', 2);
const flat = () => randomNormal([2, 5], 0, 1, 'float32', 3);

/** A layer's outputs as a list (recurrent cells and layers with returnState return several). */
const outputs = (y: Tensor | Tensor[]): Tensor[] => (Array.isArray(y) ? y : [y]);

/** One configured instance of every layer class, with an input it accepts. */
const cases: { make: () => Layer; x: () => Tensor | Tensor[] }[] = [
  {
    make: () =>
      dense({
        units: 3,
        activation: 'tanh',
        kernelRegularizer: { name: 'l2', l2: 0.1 },
        useBias: false,
        inputShape: [5],
      }),
    x: flat,
  },
  { make: () => activation({ activation: { name: 'elu', alpha: 0.5 } }), x: flat },
  { make: () => dropout({ rate: 0.3, seed: 4 }), x: flat },
  { make: () => flatten(), x: img },
  { make: () => reshape({ targetShape: [-1, 2] }), x: seq },
  {
    make: () => embedding({ inputDim: 6, outputDim: 2, embeddingsRegularizer: 'l1' }),
    x: () =>
      tensor(
        [
          [1, 5],
          [0, 2],
        ],
        undefined,
        'int32',
      ),
  },
  { make: () => prelu({ sharedAxes: [1, 2], alphaInitializer: { name: 'constant', value: 0.1 } }), x: img },
  { make: () => leakyRelu({ alpha: 0.2 }), x: flat },
  { make: () => elu({ alpha: 0.7 }), x: flat },
  {
    make: () =>
      conv2d({ filters: 2, kernelSize: [2, 3], strides: 1, padding: 'same', dilationRate: 2, activation: 'relu' }),
    x: img,
  },
  { make: () => maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }), x: img },
  { make: () => averagePooling2d({ poolSize: [2, 1] }), x: img },
  { make: () => globalAveragePooling2d(), x: img },
  { make: () => batchNormalization({ axis: 1, momentum: 0.9, epsilon: 1e-2, center: false }), x: seq },
  { make: () => layerNormalization({ axis: [-2, -1], epsilon: 1e-5, scale: false }), x: seq },
  {
    make: () => multiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 2, dropout: 0.1, seed: 3, outputDim: 5 }),
    x: () => [seq(), seq()],
  },
  {
    make: () =>
      transformerEncoder({
        numHeads: 2,
        intermediateDim: 6,
        activation: 'swish',
        normFirst: true,
        dropout: 0.1,
        seed: 1,
        epsilon: 1e-6,
      }),
    x: seq,
  },
  { make: () => add(), x: () => [flat(), flat()] },
  { make: () => concatenate({ axis: 1 }), x: () => [seq(), seq()] },
  { make: () => new InputLayer({ batchInputShape: [null, 5] }), x: flat },
  {
    make: () => {
      const i = input({ shape: [5] });
      return new Functional({ inputs: i, outputs: dense({ units: 2 }).apply(i) as SymbolicTensor });
    },
    x: flat,
  },
  ...newLayerCases,
  ...attentionLayerCases,
];

describe('serialization', () => {
  it('covers every registered layer class', () => {
    expect(new Set(cases.map((c) => c.make().className))).toEqual(new Set(layerClassNames()));
  });

  for (const { make, x } of cases) {
    const className = make().className;
    it(`${className}: fromConfig(getConfig()) and deserializeLayer(serializeLayer()) round-trip, same outputs`, () => {
      const layer = make();
      const y = layer.apply(x());
      const config = layer.getConfig();
      const json = JSON.parse(JSON.stringify(config));
      expect(json).toEqual(config);
      const cls = layer.constructor as unknown as LayerClass;
      const copy = cls.fromConfig(json, layerClasses());
      expect(copy.className).toBe(className);
      expect(copy.getConfig()).toEqual(config);
      const viaRegistry = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(layer))));
      expect(viaRegistry.constructor).toBe(layer.constructor);
      expect(viaRegistry.getConfig()).toEqual(config);
      // with the same weights the copy computes the same function (inference mode)
      copy.apply(x());
      copy.setWeights(layer.getWeights());
      const again = layer.apply(x());
      expect(outputs(copy.apply(x())).map(values)).toEqual(outputs(again).map(values));
      expect(outputs(again).map((t) => t.shape)).toEqual(outputs(y).map((t) => t.shape));
    });

    it(`${className}: computeOutputShape agrees with the real output, and with symbolic application`, () => {
      const layer = make();
      const inputs = x();
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const ys = outputs(layer.apply(inputs));
      const shapes = list.map((t) => [...t.shape]);
      const expected = ys.map((t) => t.shape);
      expect(layer.computeOutputShape(Array.isArray(inputs) ? shapes : shapes[0]!)).toEqual(
        expected.length === 1 ? expected[0] : expected,
      );
      if (layer instanceof InputLayer) return;
      const symbolic = list.map((t) => input({ shape: t.shape.slice(1), dtype: t.dtype }));
      const out = layer.apply(Array.isArray(inputs) ? symbolic : symbolic[0]!) as SymbolicTensor | SymbolicTensor[];
      expect((Array.isArray(out) ? out : [out]).map((o) => o.shape)).toEqual(
        expected.map((s) => [null, ...s.slice(1)]),
      );
    });
  }

  it('unknown classes are named, with the known ones listed; nothing is evaluated', () => {
    expect(() =>
      deserializeLayer({ className: 'Evil', config: { name: 'x', trainable: true, dtype: 'float32' } }),
    ).toThrow(
      new ValueError(
        `deserializeLayer: unknown layer class 'Evil'; known classes: ${layerClassNames().join(', ')} (pass other classes in customClasses)`,
      ),
    );
    expect(() => deserializeLayer({ className: 'toString', config: {} } as never)).toThrow(
      /unknown layer class 'toString'/,
    );
    expect(() => deserializeLayer(null as never)).toThrow(
      new ValueError('deserializeLayer: expected {className: string, config: object}, received null'),
    );
  });

  it('custom layer classes are resolved through customClasses', () => {
    class Doubling extends Dense {
      static override readonly className = 'Doubling';
    }
    const layer = new Doubling({ units: 2, name: 'doubling' });
    const spec = serializeLayer(layer);
    expect(spec.className).toBe('Doubling');
    expect(deserializeLayer(spec, { Doubling })).toBeInstanceOf(Doubling);
    expect(() => deserializeLayer(spec)).toThrow(/unknown layer class 'Doubling'/);
  });

  it('keeps random initializers seeded through the config', () => {
    const layer = dense({ units: 2, kernelInitializer: { name: 'heNormal', seed: 7 } });
    layer.build([null, 3]);
    const copy = Dense.fromConfig(layer.getConfig());
    copy.build([null, 3]);
    expect(values(copy.getWeights()[0])).toEqual(values(layer.getWeights()[0]));
  });
});
