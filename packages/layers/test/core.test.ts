import { grad } from '@rectify/autograd';
import { ShapeError, ValueError, ones, reshape, sum, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout, activation, dropout, dense, flatten, reshape as reshapeLayer } from '@rectify/layers';
import { T, expectClose, values } from './helpers.js';

describe('Dense on higher ranks', () => {
  it('applies to the last axis of a rank-3 input, as a 2-D product', () => {
    const layer = dense({ units: 2, kernelInitializer: 'ones', biasInitializer: { name: 'constant', value: 1 } });
    const y = T(layer.apply(reshape(tensor([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2])));
    expect(y.shape).toEqual([2, 2, 2]);
    expect(values(y)).toEqual([4, 4, 8, 8, 12, 12, 16, 16]);
    expect(layer.computeOutputShape([null, 2, 2])).toEqual([null, 2, 2]);
  });

  it('needs rank >= 2 and a known last dimension', () => {
    expect(() => dense({ units: 1, name: 'd' }).apply(tensor([1, 2]))).toThrow(
      new ShapeError('d: expected input of rank >= 2, received shape [2]'),
    );
    expect(() => dense({ units: 1, name: 'd' }).build([null, null])).toThrow(
      new ShapeError('d: the last dimension of the input must be known to build the layer, received shape [null,null]'),
    );
  });
});

describe('Activation layer', () => {
  it('applies the named activation with its options', () => {
    expect(values(activation({ activation: 'relu' }).apply(tensor([[-1, 2]])))).toEqual([0, 2]);
    expectClose(activation({ activation: { name: 'elu', alpha: 0.5 } }).apply(tensor([[-1, 2]])), [
      0.5 * (Math.exp(-1) - 1),
      2,
    ]);
    expect(activation({ activation: 'linear' }).activation).toBeUndefined();
  });

  it('requires an activation', () => {
    expect(() => activation({} as never)).toThrow(
      new ValueError('activation: activation is required, received undefined'),
    );
  });
});

describe('Dropout', () => {
  const x = ones([4, 50]);

  it('is the identity in inference and with rate 0', () => {
    expect(T(dropout({ rate: 0.5 }).apply(x))).toBe(x);
    expect(values(dropout({ rate: 0 }).apply(x, { training: true }))).toEqual(values(x));
  });

  it('zeroes about rate of the inputs and scales the rest by 1/(1 - rate) (inverted dropout)', () => {
    const y = values(dropout({ rate: 0.25, seed: 3 }).apply(ones([100, 100]), { training: true }));
    const kept = y.filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.75)]));
    expect(Math.abs(1 - kept.length / y.length - 0.25)).toBeLessThan(0.02);
  });

  it('is reproducible for a fixed seed, and each call draws a new mask', () => {
    const a = new Dropout({ rate: 0.5, seed: 42 });
    const b = new Dropout({ rate: 0.5, seed: 42 });
    const a1 = values(a.apply(x, { training: true }));
    const a2 = values(a.apply(x, { training: true }));
    expect(values(b.apply(x, { training: true }))).toEqual(a1);
    expect(values(b.apply(x, { training: true }))).toEqual(a2);
    expect(a2).not.toEqual(a1);
    expect(values(dropout({ rate: 0.5, seed: 43 }).apply(x, { training: true }))).not.toEqual(a1);
    // A layer rebuilt from its config replays the same sequence.
    expect(values(Dropout.fromConfig(a.getConfig()).apply(x, { training: true }))).toEqual(a1);
  });

  it('passes the gradient through kept units only, scaled', () => {
    const layer = dropout({ rate: 0.5, seed: 9 });
    const probe = values(dropout({ rate: 0.5, seed: 9 }).apply(ones([2, 8]), { training: true }));
    const g = grad((t) => sum(T(layer.apply(t, { training: true }))))(ones([2, 8]));
    expect(values(g)).toEqual(probe);
  });

  it('validates rate and seed', () => {
    expect(() => dropout({ rate: 1 })).toThrow(new ValueError('dropout: rate must be a number in [0, 1), received 1'));
    expect(() => dropout({ rate: -0.1 })).toThrow(
      new ValueError('dropout: rate must be a number in [0, 1), received -0.1'),
    );
    expect(() => dropout({ rate: NaN })).toThrow(
      new ValueError('dropout: rate must be a number in [0, 1), received NaN'),
    );
    expect(() => dropout({ rate: 0.5, seed: 1.5 })).toThrow(
      new ValueError('dropout: seed must be an integer, received 1.5'),
    );
  });
});

describe('Flatten and Reshape', () => {
  it('flatten keeps the batch axis', () => {
    const y = T(flatten().apply(reshape(tensor([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2])));
    expect(y.shape).toEqual([2, 4]);
    expect(values(y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(flatten().computeOutputShape([null, 3, 4])).toEqual([null, 12]);
    expect(flatten().computeOutputShape([null, null, 4])).toEqual([null, null]);
    expect(T(flatten().apply(tensor([1, 2]))).shape).toEqual([2, 1]);
    expect(T(flatten().apply(ones([0, 3, 2]))).shape).toEqual([0, 6]);
  });

  it('reshape infers -1 and checks the per-sample size', () => {
    const layer = reshapeLayer({ targetShape: [3, -1], name: 'r' });
    expect(T(layer.apply(ones([2, 6]))).shape).toEqual([2, 3, 2]);
    expect(layer.computeOutputShape([null, 12])).toEqual([null, 3, 4]);
    expect(layer.computeOutputShape([null, null])).toEqual([null, 3, null]);
    expect(() => layer.apply(ones([2, 7]))).toThrow(
      new ShapeError(
        'r: cannot reshape input of shape [2,7] into target shape [3,-1] (7 values per sample not divisible by 3)',
      ),
    );
    expect(() => reshapeLayer({ targetShape: [4, 2], name: 'r2' }).apply(ones([2, 6]))).toThrow(
      new ShapeError(
        'r2: cannot reshape input of shape [2,6] into target shape [4,2] (6 values per sample, target holds 8)',
      ),
    );
    expect(() => reshapeLayer({ targetShape: [-1, -1] })).toThrow(
      new ValueError('reshape: targetShape must hold positive integers and at most one -1, received [-1,-1]'),
    );
  });
});
