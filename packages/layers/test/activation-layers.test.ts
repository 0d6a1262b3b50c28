import { ShapeError, ValueError, ones, reshape, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { elu, leakyRelu, prelu } from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

describe('PReLU', () => {
  it('starts with slope 0.25, one per element by default', () => {
    const layer = prelu();
    expectClose(layer.apply(tensor([[-4, 2, 0]])), [-1, 2, 0]);
    expect(layer.weights[0]!.shape).toEqual([3]);
    expect(layer.name).toMatch(/^prelu(_\d+)?$/);
  });

  it('shares slopes along sharedAxes (per channel for images)', () => {
    const layer = prelu({ sharedAxes: [1, 2] });
    const x = reshape(tensor([-1, -2, 3, -4, -5, 6, -7, -8]), [1, 2, 2, 2]);
    layer.build([null, 2, 2, 2]);
    expect(layer.weights[0]!.shape).toEqual([1, 1, 2]);
    layer.setWeights([reshape(tensor([0.1, 0.5]), [1, 1, 2])]);
    expectClose(layer.apply(x), [-0.1, -1, 3, -2, -0.5, 6, -0.7, -4]);
    const single = prelu({ sharedAxes: [1, 2, 3] });
    single.build([null, 2, 2, 2]);
    expect(single.countParams()).toBe(1);
  });

  it('learns the slope: gradients reach alpha and the input', () => {
    const layer = prelu({ alphaInitializer: { name: 'constant', value: 0.3 } });
    const x = tensor([
      [-1.5, 0.7, -0.2],
      [0.4, -0.9, 1.1],
    ]);
    layer.apply(x);
    const r = checkLayerGradients(layer, [x]);
    expect(r.ok, r.message).toBe(true);
  });

  it('checks sharedAxes and the input shape once built', () => {
    expect(() => prelu({ sharedAxes: [0] })).toThrow(
      new ValueError('prelu: sharedAxes must be positive integers (axis 0 is the batch), received [0]'),
    );
    expect(() => prelu({ sharedAxes: [3], name: 'p' }).apply(ones([1, 2]))).toThrow(
      new ValueError('p: sharedAxes [3] includes axis 3, but the input [1,2] has rank 2'),
    );
    const layer = prelu({ name: 'p2' });
    layer.apply(ones([1, 3]));
    expect(() => layer.apply(ones([1, 4]))).toThrow(
      new ShapeError('p2: expected input with size 3 on axis 1, received shape [1,4]'),
    );
  });
});

describe('LeakyReLU and ELU layers', () => {
  it('leakyRelu uses alpha 0.3 by default', () => {
    expectClose(leakyRelu().apply(tensor([-2, 0, 3])), [-0.6, 0, 3]);
    expectClose(leakyRelu({ alpha: 0.1 }).apply(tensor([-2, 3])), [-0.2, 3]);
    expect(leakyRelu().getConfig()).toMatchObject({ alpha: 0.3 });
  });

  it('elu saturates at -alpha', () => {
    expectClose(elu().apply(tensor([-1, 0, 2, -50])), [Math.exp(-1) - 1, 0, 2, -1]);
    expectClose(elu({ alpha: 0.5 }).apply(tensor([-1])), [0.5 * (Math.exp(-1) - 1)]);
    expect(values(elu().apply(tensor([NaN])))[0]).toBeNaN();
  });

  it('validate alpha', () => {
    expect(() => leakyRelu({ alpha: Infinity })).toThrow(
      new ValueError('leaky_relu: alpha must be a finite number, received Infinity'),
    );
    expect(() => elu({ alpha: Number.NaN })).toThrow(
      new ValueError('elu: alpha must be a finite number, received NaN'),
    );
  });

  it('expose their activation for diagnostics', () => {
    expect(T(leakyRelu().apply(ones([1]))).shape).toEqual([1]);
    expect(leakyRelu().activation?.getConfig()).toMatchObject({ alpha: 0.3 });
  });
});
