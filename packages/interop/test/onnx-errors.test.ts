import { describe, expect, it } from 'vitest';
import { ones, setSeed, type Tensor } from '@rectify/tensor';
import { register } from '@rectify/activations';
import {
  Dense,
  Functional,
  dense,
  dropout,
  input,
  layerNormalization,
  multiHeadAttention,
  batchNormalization,
} from '@rectify/layers';
import { encodeOnnx, exportOnnx, onnxLayerClassNames } from '@rectify/interop';
import { applyStack } from './helpers.js';

class ScaledDense extends Dense {
  static override readonly className: string = 'ScaledDense';
}

function built<T extends { apply(x: Tensor): unknown }>(layers: T[], shape: number[]): T[] {
  applyStack(layers as never, ones(shape));
  return layers;
}

describe('exportOnnx: what cannot be expressed is an error naming it', () => {
  setSeed(31);

  it('a layer class without a conversion (even a subclass of a supported one)', () => {
    const layers = built([dense({ units: 2, inputShape: [3] }), new ScaledDense({ units: 2, name: 'scaled' })], [1, 3]);
    expect(() => encodeOnnx({ layers })).toThrow(
      `exportOnnx: layer 'scaled' of class 'ScaledDense' has no ONNX conversion; supported: ${onnxLayerClassNames().join(', ')}`,
    );
  });

  it('a user-registered activation and a plain function (even one named like a built-in)', () => {
    register({
      name: 'cube',
      describe: 'x³',
      recommendedInitializer: 'glorotUniform',
      properties: {
        range: [-Infinity, Infinity],
        smooth: true,
        monotonic: true,
        zeroCentred: true,
        selfNormalizing: false,
        reluFamily: false,
        elementwise: true,
      },
      kernel: () => ({
        apply: (x: Tensor) => x,
        derivative: (x: Tensor) => x,
        f: (x: number) => x ** 3,
        df: (x: number) => 3 * x * x,
      }),
    });
    const custom = built([dense({ units: 2, activation: 'cube', inputShape: [3], name: 'cubed' })], [1, 3]);
    expect(() => encodeOnnx({ layers: custom })).toThrow(
      /^exportOnnx: layer 'cubed' uses activation 'cube', which has no ONNX equivalent; supported: relu, relu6, /,
    );
    const relu = (x: Tensor): Tensor => x;
    const fn = built([dense({ units: 2, activation: relu, inputShape: [3], name: 'plain' })], [1, 3]);
    expect(() => encodeOnnx({ layers: fn })).toThrow(
      /^exportOnnx: layer 'plain' uses activation 'relu', which has no ONNX equivalent/,
    );
  });

  it('layer normalization over axes that are not the last ones', () => {
    const layers = built([layerNormalization({ axis: 1, inputShape: [3, 4], name: 'ln' })], [2, 3, 4]);
    expect(() => encodeOnnx({ layers })).toThrow(
      "exportOnnx: layer 'ln' (LayerNormalization) normalizes axes [1] of a rank-3 input; ONNX LayerNormalization needs the last axes",
    );
  });

  it('dropout or batch norm with training: true fixed in the graph (Monte Carlo dropout)', () => {
    const x = input({ shape: [3] });
    const d = dropout({ rate: 0.3, name: 'mc' });
    const mc = new Functional({ inputs: x, outputs: dense({ units: 1 }).apply(d.apply(x, { training: true })) });
    expect(() => encodeOnnx(mc)).toThrow(
      "exportOnnx: layer 'mc' (Dropout) is called with training: true fixed in the graph (Monte Carlo dropout); ONNX export is inference only",
    );
    const y = input({ shape: [3] });
    const bn = new Functional({ inputs: y, outputs: batchNormalization({ name: 'bn' }).apply(y, { training: true }) });
    expect(() => encodeOnnx(bn)).toThrow(
      "exportOnnx: layer 'bn' (BatchNormalization) is called with training: true fixed in the graph (batch statistics)",
    );
  });

  it('an attention mask tensor fixed in the graph', () => {
    const q = input({ shape: [2, 4] });
    const model = new Functional({
      inputs: q,
      outputs: multiHeadAttention({ numHeads: 1, keyDim: 2, name: 'att' }).apply(q, { mask: ones([1, 2, 2]) }),
    });
    expect(() => encodeOnnx(model)).toThrow(
      "exportOnnx: layer 'att' (MultiHeadAttention) has an attention mask tensor fixed in the graph; only useCausalMask can be exported",
    );
  });

  it('bad opsets, unknown input shapes, empty stacks, non-models and bad paths', async () => {
    const layers = built([dense({ units: 1, inputShape: [2] })], [1, 2]);
    expect(() => encodeOnnx({ layers }, { opset: 16 })).toThrow(
      'exportOnnx: opset must be an integer from 17 to 21, received 16',
    );
    expect(() => encodeOnnx({ layers }, { opset: 22 })).toThrow(
      'exportOnnx: opset must be an integer from 17 to 21, received 22',
    );
    const noShape = built([dense({ units: 1 })], [1, 2]);
    expect(() => encodeOnnx({ layers: noShape, name: 'm' })).toThrow(
      "exportOnnx: the input shape of 'm' is unknown; give the first layer an inputShape or pass batchInputShape",
    );
    expect(() => encodeOnnx({ layers: noShape, batchInputShape: [null, 2] })).not.toThrow();
    expect(() => encodeOnnx({ layers: [], name: 'empty' })).toThrow("exportOnnx: the model 'empty' has no layers");
    expect(() => encodeOnnx(42 as never)).toThrow(
      'exportOnnx: expected a Functional, a model with a graph, or {layers, batchInputShape}, received number',
    );
    await expect(exportOnnx({ layers }, '')).rejects.toThrow(
      'exportOnnx: path must be a non-empty string, received ""',
    );
  });
});
