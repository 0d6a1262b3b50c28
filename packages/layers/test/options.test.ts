import { ValueError } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  Functional, InputLayer, Layer, conv2d, dense, embedding, flatten, input, layerClassNames, maxPooling2d, regularizers,
} from '@rectify/layers';
import * as layers from '@rectify/layers';

describe('layer options', () => {
  it("rejects an unknown option with a 'did you mean' hint", () => {
    expect(() => dense({ units: 2, kernel_initializer: 'zeros' } as never)).toThrow(
      "dense: unknown option 'kernel_initializer'; did you mean 'kernelInitializer'?",
    );
    expect(() => conv2d({ filters: 2, kernelSize: 3, stride: 2 } as never)).toThrow("conv2d: unknown option 'stride'; did you mean 'strides'?");
    expect(() => maxPooling2d({ pool_size: 2 } as never)).toThrow("max_pooling2d: unknown option 'pool_size'; did you mean 'poolSize'?");
    expect(() => dense({ units: 2, foo: 1 } as never)).toThrow(ValueError);
  });

  it("accepts TensorFlow.js' inputDim and batchSize as Rectify's inputShape and batchInputShape", () => {
    expect(dense({ units: 2, inputDim: 4 }).batchInputShape).toEqual([null, 4]);
    expect(dense({ units: 2, inputShape: [4], batchSize: 8 }).batchInputShape).toEqual([8, 4]);
    expect(() => dense({ units: 2, inputDim: 4, inputShape: [4] })).toThrow('dense: give inputShape or inputDim, not both');
    expect(() => dense({ units: 2, inputShape: [4], batchSize: 0 })).toThrow('dense: batchSize must be a positive integer, received 0');
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
    expect(() => dense({ units: 1, dataFormat: 'channelsLast' } as never)).toThrow("dense: unknown option 'dataFormat'");
    expect(() => dense({ units: 1, kernelConstraint: 'maxNorm' } as never)).toThrow(
      "dense: option 'kernelConstraint' is not supported: weight constraints are a TensorFlow.js feature Rectify does not implement",
    );
  });

  it('every registered layer class that takes options lists them (argNames)', () => {
    const classes = Object.values(layers).filter(
      (v): v is typeof Layer => typeof v === 'function' && v.prototype instanceof Layer && Object.hasOwn(v, 'className'),
    );
    const exempt = new Set<unknown>([InputLayer, Functional]);
    const checked = classes.filter((c) => !exempt.has(c));
    expect(checked.length + exempt.size).toBe(layerClassNames().length);
    for (const c of checked) expect(c.argNames, c.className).toBeDefined();
  });

  it("input() checks its options and accepts tfjs' batchShape", () => {
    expect(input({ batchShape: [4, 3] }).shape).toEqual([4, 3]);
    expect(() => input({ shape: [3], dtyp: 'float32' } as never)).toThrow("input: unknown option 'dtyp'; did you mean 'dtype'?");
  });

  it('regularizer factories reject unknown options', () => {
    expect(() => regularizers.l2({ l1: 0.1 } as never)).toThrow("l2: unknown option 'l1'; did you mean 'l2'?");
    expect(() => regularizers.get({ name: 'l1l2', l3: 1 } as never)).toThrow("l1l2: unknown option 'l3'");
  });
});
