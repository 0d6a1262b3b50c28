import { ShapeError, ValueError, ones, randomNormal, reshape, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { batchNormalization, layerNormalization } from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

describe('BatchNormalization', () => {
  const x = tensor([
    [1, 2],
    [3, 6],
  ]); // per-feature mean [2, 4], biased variance [1, 4]

  it('normalizes with batch statistics in training and updates the moving ones', () => {
    const bn = batchNormalization();
    const y = bn.apply(x, { training: true });
    const s1 = Math.sqrt(1 + 1e-3);
    const s2 = Math.sqrt(4 + 1e-3);
    expectClose(y, [-1 / s1, -2 / s2, 1 / s1, 2 / s2]);
    const [, , mm, mv] = bn.getWeights();
    expectClose(mm, [0.02, 0.04]);
    expectClose(mv, [0.99 + 0.01, 0.99 + 0.04]);
  });

  it('uses the moving statistics in inference and leaves them unchanged', () => {
    const bn = batchNormalization({ momentum: 0.5, epsilon: 1e-2 });
    bn.apply(x, { training: true });
    // moving mean [1, 2], moving variance [1, 2.5]
    const y = bn.apply(x);
    expectClose(y, [0, 0, 2 / Math.sqrt(1.01), 4 / Math.sqrt(2.51)], 1e-5);
    expectClose(bn.getWeights()[2], [1, 2]);
    bn.apply(x, { training: false });
    expectClose(bn.getWeights()[3], [1, 2.5]);
  });

  it('a frozen layer runs in inference mode even when training', () => {
    const bn = batchNormalization();
    bn.apply(x, { training: true });
    const before = values(bn.getWeights()[2]);
    bn.trainable = false;
    const y = bn.apply(x, { training: true });
    expect(values(bn.getWeights()[2])).toEqual(before);
    expectClose(y, values(bn.apply(x)));
  });

  it('normalizes over every axis but the channel axis, with gamma and beta', () => {
    const bn = batchNormalization({
      axis: 1,
      gammaInitializer: { name: 'constant', value: 2 },
      betaInitializer: { name: 'constant', value: 1 },
      epsilon: 1e-6,
    });
    const images = reshape(tensor([1, 3, 10, 30]), [1, 2, 2]); // channels on axis 1: [1, 3] and [10, 30]
    expectClose(bn.apply(images, { training: true }), [-1, 3, -1, 3], 1e-4);
    expect(bn.weights[0]!.shape).toEqual([2]);
  });

  it('gradients in training mode match finite differences', () => {
    const bn = batchNormalization({
      gammaInitializer: { name: 'constant', value: 1.5 },
      betaInitializer: { name: 'constant', value: 0.2 },
    });
    const input = randomNormal([4, 3], 0, 1, 'float32', 21);
    bn.apply(input);
    const r = checkLayerGradients(bn, [input], { training: true });
    expect(r.ok, r.message).toBe(true);
  });

  it('validates options and the channel size', () => {
    expect(() => batchNormalization({ momentum: 1.5 })).toThrow(
      new ValueError('batch_normalization: momentum must be in [0, 1], received 1.5'),
    );
    expect(() => batchNormalization({ epsilon: 0 })).toThrow(
      new ValueError('batch_normalization: epsilon must be a positive number, received 0'),
    );
    const bn = batchNormalization({ name: 'bn' });
    bn.apply(ones([2, 3]));
    expect(() => bn.apply(ones([2, 4]))).toThrow(
      new ShapeError('bn: expected input with size 3 on axis 1, received shape [2,4]'),
    );
  });
});

describe('LayerNormalization', () => {
  it('normalizes each sample over the last axis, in training and inference alike', () => {
    const ln = layerNormalization();
    const s = Math.sqrt(2 / 3 + 1e-3);
    const x = tensor([
      [1, 2, 3],
      [10, 10, 10],
    ]);
    expectClose(ln.apply(x), [-1 / s, 0, 1 / s, 0, 0, 0]);
    expectClose(ln.apply(x, { training: true }), [-1 / s, 0, 1 / s, 0, 0, 0]);
  });

  it('normalizes over several axes with gamma and beta shaped like them', () => {
    const ln = layerNormalization({ axis: [1, 2], epsilon: 1e-6, betaInitializer: { name: 'constant', value: 5 } });
    const y = ln.apply(reshape(tensor([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2]));
    expect(ln.weights[0]!.shape).toEqual([2, 2]);
    const s = Math.sqrt(1.25);
    const row = [-1.5 / s + 5, -0.5 / s + 5, 0.5 / s + 5, 1.5 / s + 5];
    expectClose(y, [...row, ...row], 1e-4);
  });

  it('gradients wrt input, gamma and beta match finite differences', () => {
    const ln = layerNormalization({ gammaInitializer: { name: 'constant', value: 0.7 } });
    const x = randomNormal([2, 4], 0, 1, 'float32', 3);
    ln.apply(x);
    const r = checkLayerGradients(ln, [x]);
    expect(r.ok, r.message).toBe(true);
  });

  it('validates axis and epsilon', () => {
    expect(() => layerNormalization({ axis: [] })).toThrow(
      new ValueError('layer_normalization: axis must be an integer or a non-empty list of them, received []'),
    );
    expect(() => layerNormalization({ epsilon: -1 })).toThrow(
      new ValueError('layer_normalization: epsilon must be a positive number, received -1'),
    );
    expect(T(layerNormalization().apply(ones([1, 1]))).shape).toEqual([1, 1]);
  });
});
