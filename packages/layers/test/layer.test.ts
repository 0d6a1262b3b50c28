import { variableGrads } from '@rectify/autograd';
import { ShapeError, ValueError, ones, sum, tensor, zeros } from '@rectify/tensor';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  BatchNormalization,
  Dense,
  SymbolicTensor,
  batchNormalization,
  dense,
  input,
  resetDefaultNames,
} from '@rectify/layers';
import { T, expectClose, values } from './helpers.js';

beforeEach(() => resetDefaultNames());

describe('Layer lifecycle', () => {
  it('gives unique default names like Keras', () => {
    expect([dense({ units: 1 }).name, dense({ units: 1 }).name, batchNormalization().name]).toEqual([
      'dense',
      'dense_1',
      'batch_normalization',
    ]);
    expect(dense({ units: 1, name: 'custom' }).name).toBe('custom');
    expect(() => dense({ units: 1, name: '' })).toThrow(
      new ValueError('dense: name must be a non-empty string, received ""'),
    );
  });

  it('builds on first apply, then variable names are unique per layer', () => {
    const layer = dense({ units: 3 });
    expect(layer.built).toBe(false);
    expect(layer.weights).toEqual([]);
    layer.apply(ones([2, 4]));
    expect(layer.built).toBe(true);
    expect(layer.buildInputShape).toEqual([2, 4]);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['dense/kernel', [4, 3]],
      ['dense/bias', [3]],
    ]);
    expect(layer.countParams()).toBe(15);
  });

  it('keeps the batch input shape from inputShape or batchInputShape', () => {
    expect(dense({ units: 1, inputShape: [784] }).batchInputShape).toEqual([null, 784]);
    expect(dense({ units: 1, batchInputShape: [32, 10] }).getConfig().batchInputShape).toEqual([32, 10]);
  });

  it('splits trainable and non-trainable weights, and freezing moves all to non-trainable', () => {
    const bn = new BatchNormalization();
    bn.apply(ones([2, 3]));
    expect(bn.trainableWeights.map((w) => w.name)).toEqual(['batch_normalization/gamma', 'batch_normalization/beta']);
    expect(bn.nonTrainableWeights.map((w) => w.name)).toEqual([
      'batch_normalization/moving_mean',
      'batch_normalization/moving_variance',
    ]);
    bn.trainable = false;
    expect(bn.trainableWeights).toEqual([]);
    expect(bn.nonTrainableWeights).toHaveLength(4);
    expect(bn.weights.every((w) => !w.trainable)).toBe(true);
    bn.trainable = true;
    expect(bn.weights.map((w) => w.trainable)).toEqual([true, true, false, false]);
  });

  it('getWeights returns snapshots that survive later assignments', () => {
    const layer = dense({ units: 1, kernelInitializer: 'ones' });
    layer.apply(ones([1, 2]));
    const [k] = layer.getWeights();
    layer.setWeights([tensor([[5], [6]]), tensor([7])]);
    expect(values(k)).toEqual([1, 1]);
    expect(values(layer.getWeights()[0])).toEqual([5, 6]);
    expect(values(layer.apply(tensor([[1, 1]])))).toEqual([18]);
  });

  it('setWeights checks the count and every shape before changing anything', () => {
    const layer = dense({ units: 2, name: 'd' });
    expect(() => layer.setWeights([zeros([3, 2])])).toThrow(
      new ValueError(
        'd: setWeights expected 0 weights (the layer is not built yet: call build(inputShape) or apply it first), received 1',
      ),
    );
    layer.build([null, 3]);
    expect(() => layer.setWeights([zeros([3, 2])])).toThrow(
      new ValueError('d: setWeights expected 2 weights (d/kernel, d/bias), received 1'),
    );
    const before = values(layer.getWeights()[0]);
    expect(() => layer.setWeights([ones([3, 2]), zeros([3])])).toThrow(
      new ShapeError("d: setWeights value 1 ('d/bias') has shape [3], expected [2]"),
    );
    expect(values(layer.getWeights()[0])).toEqual(before);
  });

  it('setWeights casts int32 values to the float32 weight dtype', () => {
    const layer = dense({ units: 1, useBias: false });
    layer.build([null, 2]);
    layer.setWeights([tensor([[1], [2]], undefined, 'int32')]);
    expect(layer.weights[0]!.dtype).toBe('float32');
    expect(values(layer.weights[0])).toEqual([1, 2]);
  });

  it('rejects mixed or non-tensor inputs', () => {
    const layer = dense({ units: 1, name: 'd' });
    expect(() => layer.apply([ones([1, 2]), input({ shape: [2] })] as never)).toThrow(
      new ValueError('d: inputs must all be Tensors or all SymbolicTensors, received [Tensor, SymbolicTensor]'),
    );
    expect(() => layer.apply([] as never)).toThrow(ValueError);
  });

  it('gives gradients for exactly the trainable weights (frozen layers are skipped)', () => {
    const layer = new Dense({ units: 1, kernelInitializer: 'ones' });
    const x = tensor([[1, 2]]);
    layer.apply(x);
    const { grads } = variableGrads(() => sum(T(layer.apply(x))), layer.trainableWeights);
    expect(Object.keys(grads)).toEqual([`${layer.name}/kernel`, `${layer.name}/bias`]);
    expectClose(grads[`${layer.name}/kernel`], [1, 2]);
    layer.trainable = false;
    expect(layer.trainableWeights).toEqual([]);
  });

  it('returns SymbolicTensors with computed shapes when applied to them', () => {
    const x = input({ shape: [5] });
    const layer = dense({ units: 3 });
    const y = layer.apply(x) as SymbolicTensor;
    expect(y).toBeInstanceOf(SymbolicTensor);
    expect(y.shape).toEqual([null, 3]);
    expect(y.sourceLayer).toBe(layer);
    expect(layer.inboundNodes).toHaveLength(1);
    expect(layer.countParams()).toBe(18);
  });

  it('dispose frees the weights', () => {
    const layer = dense({ units: 2 });
    layer.apply(ones([1, 2]));
    const [k] = layer.weights;
    layer.dispose();
    expect(k!.isDisposed).toBe(true);
    expect(layer.weights).toEqual([]);
  });
});
