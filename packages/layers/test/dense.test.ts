import { ShapeError, ValueError, ones, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { Dense, dense } from '@rectify/layers';
import { T, checkLayerGradients } from './helpers.js';

describe('Dense', () => {
  it('computes x·W + b with a hand-computed reference', () => {
    const layer = dense({ units: 2, kernelInitializer: 'ones', biasInitializer: { name: 'constant', value: 0.5 } });
    const y = T(
      layer.apply(
        tensor([
          [1, 2, 3],
          [-1, 0, 4],
        ]),
      ),
    );
    expect(y.shape).toEqual([2, 2]);
    expect(Array.from(y.dataSync())).toEqual([6.5, 6.5, 3.5, 3.5]);
  });

  it('applies its activation', () => {
    const layer = dense({ units: 1, activation: 'relu', kernelInitializer: 'ones', useBias: false });
    expect(
      Array.from(
        T(
          layer.apply(
            tensor([
              [1, 2],
              [-3, 1],
            ]),
          ),
        ).dataSync(),
      ),
    ).toEqual([3, 0]);
  });

  it('validates units', () => {
    expect(() => dense({ units: 0 })).toThrow(new ValueError('dense: units must be a positive integer, received 0'));
  });

  it('names the layer, expected and received shapes on a bad input', () => {
    const layer = dense({ units: 2, name: 'dense_1' });
    layer.apply(ones([1, 784]));
    expect(() => layer.apply(ones([32, 100]))).toThrow(
      new ShapeError('dense_1: expected input with last dimension 784, received shape [32,100]'),
    );
  });

  it('gradients wrt input and weights match finite differences', () => {
    const layer = new Dense({ units: 2, activation: 'tanh', biasInitializer: { name: 'constant', value: 0.1 } });
    layer.apply(ones([2, 3]));
    const r = checkLayerGradients(layer, [
      tensor([
        [0.1, -0.2, 0.3],
        [0.4, 0.5, -0.6],
      ]),
    ]);
    expect(r.ok, r.message).toBe(true);
  });
});
