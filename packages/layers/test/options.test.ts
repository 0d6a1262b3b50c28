import { ValueError } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  Functional,
  InputLayer,
  Layer,
  conv1d,
  conv2d,
  conv2dTranspose,
  dense,
  depthwiseConv2d,
  embedding,
  flatten,
  gaussianNoise,
  input,
  layerClassNames,
  lstm,
  lstmCell,
  maxPooling2d,
  regularizers,
  separableConv2d,
  upSampling2d,
  zeroPadding2d,
} from '@rectify/layers';
import * as layers from '@rectify/layers';

describe('layer options', () => {
  it("rejects an unknown option with a 'did you mean' hint", () => {
    expect(() => dense({ units: 2, kernel_initializer: 'zeros' } as never)).toThrow(
      "dense: unknown option 'kernel_initializer'; did you mean 'kernelInitializer'?",
    );
    expect(() => conv2d({ filters: 2, kernelSize: 3, stride: 2 } as never)).toThrow(
      "conv2d: unknown option 'stride'; did you mean 'strides'?",
    );
    expect(() => maxPooling2d({ pool_size: 2 } as never)).toThrow(
      "max_pooling2d: unknown option 'pool_size'; did you mean 'poolSize'?",
    );
    expect(() => dense({ units: 2, foo: 1 } as never)).toThrow(ValueError);
  });

  it("accepts TensorFlow.js' inputDim and batchSize as Rectify's inputShape and batchInputShape", () => {
    expect(dense({ units: 2, inputDim: 4 }).batchInputShape).toEqual([null, 4]);
    expect(dense({ units: 2, inputShape: [4], batchSize: 8 }).batchInputShape).toEqual([8, 4]);
    expect(() => dense({ units: 2, inputDim: 4, inputShape: [4] })).toThrow(
      'dense: give inputShape or inputDim, not both',
    );
    expect(() => dense({ units: 2, inputShape: [4], batchSize: 0 })).toThrow(
      'dense: batchSize must be a positive integer, received 0',
    );
  });

  it("keeps Embedding's own inputDim (the vocabulary) and maps tfjs' inputLength to the input shape", () => {
    const e = embedding({ inputDim: 10, outputDim: 3, inputLength: 5 });
    expect(e.inputDim).toBe(10);
    expect(e.batchInputShape).toEqual([null, 5]);
  });

  it("accepts dataFormat 'channelsLast' on image layers only, and explains TensorFlow.js-only options", () => {
    expect(() => conv2d({ filters: 1, kernelSize: 1, dataFormat: 'channelsLast' })).not.toThrow();
    expect(() => flatten({ dataFormat: 'channelsLast' })).not.toThrow();
    expect(() => conv2d({ filters: 1, kernelSize: 1, dataFormat: 'channelsFirst' } as never)).toThrow(
      `conv2d: dataFormat must be 'channelsLast' (NHWC, the only layout Rectify implements), received "channelsFirst"`,
    );
    expect(() => dense({ units: 1, dataFormat: 'channelsLast' } as never)).toThrow(
      "dense: unknown option 'dataFormat'",
    );
    expect(() => dense({ units: 1, kernelConstraint: 'maxNorm' } as never)).toThrow(
      "dense: option 'kernelConstraint' is not supported: weight constraints are a TensorFlow.js feature Rectify does not implement",
    );
  });

  it('every registered layer class that takes options lists them (argNames)', () => {
    const classes = Object.values(layers).filter(
      (v): v is typeof Layer =>
        typeof v === 'function' && v.prototype instanceof Layer && Object.hasOwn(v, 'className'),
    );
    const exempt = new Set<unknown>([InputLayer, Functional]);
    const checked = classes.filter((c) => !exempt.has(c));
    expect(checked.length + exempt.size).toBe(layerClassNames().length);
    for (const c of checked) expect(c.argNames, c.className).toBeDefined();
  });

  it('checks the options of the recurrent, convolution, reshaping and noise layers too', () => {
    // A flat LSTM option is reported by the layer, with the hint from the layer's whole list (loop and cell options).
    expect(() => lstm({ units: 2, returnSequence: true } as never)).toThrow(
      "lstm: unknown option 'returnSequence'; did you mean 'returnSequences'?",
    );
    expect(() => lstm({ units: 2, recurrent_dropout: 0.1 } as never)).toThrow(
      "lstm: unknown option 'recurrent_dropout'; did you mean 'recurrentDropout'?",
    );
    expect(() => lstm({ units: 2, kernelConstraint: 'maxNorm' } as never)).toThrow(
      "lstm: option 'kernelConstraint' is not supported",
    );
    expect(lstm({ units: 2, inputShape: [3, 4], batchSize: 5, returnSequences: true }).batchInputShape).toEqual([
      5, 3, 4,
    ]);
    expect(() => lstmCell({ units: 2, unitForgetbias: true } as never)).toThrow(
      "lstm_cell: unknown option 'unitForgetbias'; did you mean 'unitForgetBias'?",
    );
    expect(() => conv1d({ filters: 1, kernelSize: 2, dilation: 2 } as never)).toThrow(
      "conv1d: unknown option 'dilation'",
    );
    expect(() => conv2d({ filters: 2, kernelSize: 1, group: 2 } as never)).toThrow(
      "conv2d: unknown option 'group'; did you mean 'groups'?",
    );
    expect(() => conv2dTranspose({ filters: 1, kernelSize: 2, dataFormat: 'channelsLast' })).not.toThrow();
    expect(() => depthwiseConv2d({ kernelSize: 3, depth_multiplier: 2 } as never)).toThrow(
      "depthwise_conv2d: unknown option 'depth_multiplier'; did you mean 'depthMultiplier'?",
    );
    expect(() => separableConv2d({ filters: 2, kernelSize: 3, pointwiseInitialiser: 'zeros' } as never)).toThrow(
      "did you mean 'pointwiseInitializer'?",
    );
    expect(() => upSampling2d({ size: 2, interpolation: 'bilinear', dataFormat: 'channelsLast' })).not.toThrow();
    expect(() => zeroPadding2d({ paddings: 1 } as never)).toThrow(
      "zero_padding2d: unknown option 'paddings'; did you mean 'padding'?",
    );
    expect(() => gaussianNoise({ stdDev: 0.1 } as never)).toThrow(
      "gaussian_noise: unknown option 'stdDev'; did you mean 'stddev'?",
    );
  });

  it("input() checks its options and accepts tfjs' batchShape", () => {
    expect(input({ batchShape: [4, 3] }).shape).toEqual([4, 3]);
    expect(() => input({ shape: [3], dtyp: 'float32' } as never)).toThrow(
      "input: unknown option 'dtyp'; did you mean 'dtype'?",
    );
  });

  it('regularizer factories reject unknown options', () => {
    expect(() => regularizers.l2({ l1: 0.1 } as never)).toThrow("l2: unknown option 'l1'; did you mean 'l2'?");
    expect(() => regularizers.get({ name: 'l1l2', l3: 1 } as never)).toThrow("l1l2: unknown option 'l3'");
  });
});
