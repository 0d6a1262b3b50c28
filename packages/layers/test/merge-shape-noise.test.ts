import { variableGrads } from '@rectify/autograd';
import { ShapeError, ValueError, mean, ones, randomNormal, sum, tensor, variance } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  activityRegularization,
  alphaDropout,
  average,
  dense,
  dot,
  gaussianDropout,
  gaussianNoise,
  maximum,
  minimum,
  multiply,
  permute,
  repeatVector,
  rescaling,
  softmax,
  spatialDropout1d,
  spatialDropout2d,
  subtract,
  thresholdedRelu,
  unitNormalization,
} from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

describe('merge layers', () => {
  const a = tensor([
    [1, -2],
    [3, 0],
  ]);
  const b = tensor([
    [2, 5],
    [-1, 0.5],
  ]);
  const c = tensor([
    [0, 1],
    [1, 1],
  ]);

  it('combine elementwise, over any number of inputs', () => {
    expect(values(multiply().apply([a, b, c]))).toEqual([0, -10, -3, 0]);
    expect(values(maximum().apply([a, b]))).toEqual([2, 5, 3, 0.5]);
    expect(values(minimum().apply([a, b]))).toEqual([1, -2, -1, 0]);
    expectClose(average().apply([a, b, c]), [1, 4 / 3, 1, 0.5], 1e-6);
    expect(values(subtract().apply([a, b]))).toEqual([-1, -7, 4, -0.5]);
    expect(() => subtract({ name: 's' }).apply([a, b, c])).toThrow(
      new ShapeError('s: expected exactly 2 inputs, received 3'),
    );
    expect(() => multiply({ name: 'm' }).apply([a, ones([2, 3])])).toThrow(
      new ShapeError('m: expected inputs of equal shape, input 1 has shape [2,3], input 0 has [2,2]'),
    );
  });

  it('dot: rank-2 rows, rank-3 batched products along chosen axes, cosine with normalize', () => {
    expect(values(dot({ axes: 1 }).apply([a, b]))).toEqual([-8, -3]);
    expectClose(dot({ axes: -1, normalize: true }).apply([tensor([[3, 4]]), tensor([[4, 3]])]), [24 / 25], 1e-6);
    const p = randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const q = randomNormal([2, 4, 5], 0, 1, 'float32', 2);
    const layer = dot({ axes: [2, 1] });
    const y = T(layer.apply([p, q]));
    expect(y.shape).toEqual([2, 3, 5]);
    expect(
      layer.computeOutputShape([
        [null, 3, 4],
        [null, 4, 5],
      ]),
    ).toEqual([null, 3, 5]);
    const pv = values(p);
    const qv = values(q);
    let ref = 0;
    for (let k = 0; k < 4; k++) ref += pv[12 + 4 * 2 + k]! * qv[20 + 5 * k + 3]!;
    expect(values(y)[15 + 2 * 5 + 3]).toBeCloseTo(ref, 5);
    const swapped = dot({ axes: [1, 1] });
    expect(T(swapped.apply([p, randomNormal([2, 3, 2])])).shape).toEqual([2, 4, 2]);
    const r = checkLayerGradients(dot({ axes: [2, 2], normalize: true }), [
      randomNormal([1, 2, 3], 0, 1, 'float32', 3),
      randomNormal([1, 2, 3], 0, 1, 'float32', 4),
    ]);
    expect(r.ok, r.message).toBe(true);
    expect(() => dot({ axes: 0 })).toThrow(
      new ValueError('dot: axes must be a non-zero integer or a pair of them (axis 0 is the batch), received 0'),
    );
    expect(() => dot({ axes: 1, name: 'd' }).apply([a, ones([2, 3])])).toThrow(
      new ShapeError('d: axes [1,1] do not match: [2,2] and [2,3]'),
    );
  });
});

describe('shape layers', () => {
  it('repeatVector and permute', () => {
    expect(values(repeatVector({ n: 3 }).apply(tensor([[1, 2]])))).toEqual([1, 2, 1, 2, 1, 2]);
    const x = randomNormal([2, 3, 4], 0, 1, 'float32', 5);
    const y = T(permute({ dims: [2, 1] }).apply(x));
    expect(y.shape).toEqual([2, 4, 3]);
    expect(values(y)[1 * 12 + 2 * 3 + 1]).toBe(values(x)[1 * 12 + 1 * 4 + 2]);
    expect(() => permute({ dims: [0, 1] })).toThrow(
      new ValueError('permute: dims must be a permutation of 1..2 (axis 0 is the batch), received [0,1]'),
    );
    expect(() => repeatVector({ n: 0 })).toThrow(
      new ValueError('repeat_vector: n must be a positive integer, received 0'),
    );
    const r = checkLayerGradients(repeatVector({ n: 2 }), [randomNormal([2, 3], 0, 1, 'float32', 6)]);
    expect(r.ok, r.message).toBe(true);
  });

  it('rescaling, unitNormalization, thresholdedRelu, softmax along an axis', () => {
    expect(values(rescaling({ scale: 1 / 127.5, offset: -1 }).apply(tensor([0, 255])))).toEqual([-1, 1]);
    expectClose(
      unitNormalization().apply(
        tensor([
          [3, 4],
          [0, 0],
        ]),
      ),
      [0.6, 0.8, 0, 0],
      1e-6,
    );
    expectClose(
      unitNormalization({ axis: [1, 2] }).apply(
        tensor([
          [
            [1, 1],
            [1, 1],
          ],
        ]),
      ),
      [0.5, 0.5, 0.5, 0.5],
      1e-6,
    );
    expect(values(thresholdedRelu({ theta: 1 }).apply(tensor([0.5, 1, 2, -3])))).toEqual([0, 0, 2, -0]);
    expectClose(
      softmax({ axis: 1 }).apply(
        tensor([
          [
            [0, 1],
            [0, 1],
          ],
        ]),
      ),
      [0.5, 0.5, 0.5, 0.5],
      1e-6,
    );
    for (const layer of [unitNormalization(), softmax({ axis: 0 }), thresholdedRelu({ theta: 0.1 })]) {
      const r = checkLayerGradients(layer, [randomNormal([2, 3], 0, 1, 'float32', 7)]);
      expect(r.ok, `${layer.className}: ${r.message}`).toBe(true);
    }
    expect(() => rescaling({ scale: Number.NaN })).toThrow(
      new ValueError('rescaling: scale must be a finite number, received NaN'),
    );
  });
});

describe('noise and dropout variants (identity in inference, seeded in training)', () => {
  const x = ones([64, 8, 16]);

  it('spatial dropout drops whole channels', () => {
    const y = values(spatialDropout1d({ rate: 0.5, seed: 1 }).apply(x, { training: true }));
    for (let n = 0; n < 64; n++)
      for (let c = 0; c < 16; c++) {
        const col = Array.from({ length: 8 }, (_, t) => y[(n * 8 + t) * 16 + c]);
        expect(new Set(col).size).toBe(1);
      }
    expect(new Set(y)).toEqual(new Set([0, 2]));
    const img = values(spatialDropout2d({ rate: 0.3, seed: 2 }).apply(ones([4, 3, 3, 5]), { training: true }));
    expect(img.slice(0, 5)).toEqual(img.slice(40, 45));
    expect(spatialDropout1d({ rate: 0.5 }).apply(x)).toBe(x);
  });

  it('gaussian noise and dropout have the stated moments; alpha dropout keeps SELU statistics', () => {
    const big = randomNormal([200, 100], 0, 1, 'float32', 3);
    const noisy = T(gaussianNoise({ stddev: 0.5, seed: 4 }).apply(big, { training: true }));
    expect(variance(sum(noisy, undefined)).item()).toBe(0);
    expect(Math.abs(variance(noisy).item() - 1.25)).toBeLessThan(0.05);
    const gd = T(gaussianDropout({ rate: 0.2, seed: 5 }).apply(ones([200, 100]), { training: true }));
    expect(Math.abs(mean(gd).item() - 1)).toBeLessThan(0.01);
    expect(Math.abs(variance(gd).item() - 0.25)).toBeLessThan(0.02);
    const ad = T(alphaDropout({ rate: 0.2, seed: 6 }).apply(big, { training: true }));
    expect(Math.abs(mean(ad).item())).toBeLessThan(0.03);
    expect(Math.abs(variance(ad).item() - 1)).toBeLessThan(0.05);
    for (const l of [gaussianNoise({ stddev: 1 }), gaussianDropout({ rate: 0.5 }), alphaDropout({ rate: 0.5 })])
      expect(l.apply(big)).toBe(big);
    expect(values(alphaDropout({ rate: 0.3, seed: 9 }).apply(big, { training: true }))).toEqual(
      values(alphaDropout({ rate: 0.3, seed: 9 }).apply(big, { training: true })),
    );
    expect(() => gaussianNoise({ stddev: 0 })).toThrow(
      new ValueError('gaussian_noise: stddev must be a positive number, received 0'),
    );
  });

  it('activityRegularization adds l1·Σ|x| + l2·Σx² of its input to the regularization losses', () => {
    const reg = activityRegularization({ l1: 0.1, l2: 0.01 });
    const d = dense({ units: 2, kernelInitializer: 'ones', useBias: false });
    const input = tensor([[1, -2]]);
    d.build([null, 2]);
    const { value, grads } = variableGrads(() => {
      expect(values(reg.apply(T(d.apply(input))))).toEqual([-1, -1]);
      const penalties = reg.regularizationLosses();
      expect(penalties).toHaveLength(1);
      return penalties[0]!;
    }, d.trainableWeights);
    // y = [-1, -1]: 0.1·2 + 0.01·2
    expect(value.item()).toBeCloseTo(0.22, 6);
    // d/dW of 0.1·Σ|y| + 0.01·Σy², y_j = Σ_i x_i W_ij: (0.1·sign(y_j) + 0.02·y_j)·x_i
    expectClose(grads[d.trainableWeights[0]!.name], [-0.12, -0.12, 0.24, 0.24], 1e-6);
  });
});
