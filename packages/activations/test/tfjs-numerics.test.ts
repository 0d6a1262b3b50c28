import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { tensor } from '@rectify/tensor';
import { gelu, leakyRelu, logSoftmax, prelu, relu, relu6, softmax } from '@rectify/activations';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

const EDGES = [-Infinity, -3e38, -1e30, -2.5, -0, 0, 1e-30, 2.5, 1e30, 3e38, Infinity, NaN];
const values = (t: { dataSync(): ArrayLike<number> }): number[] => Array.from(t.dataSync());
/** Values with −0 read as 0: tfjs's α·x gives leakyRelu(−0) = −0, Rectify's relu-based form +0 (both are 0). */
const unsigned = (t: { dataSync(): ArrayLike<number> }): number[] => values(t).map((v) => (v === 0 ? 0 : v));

describe('the ReLU family at the edges: as max(0, x), and as TensorFlow.js', () => {
  it('relu, relu6, leakyRelu and prelu match tfjs on ±∞, ±3e38, ±0 and NaN', () => {
    expect(unsigned(relu(EDGES))).toEqual(unsigned(tf.relu(EDGES)));
    expect(unsigned(relu6(EDGES))).toEqual(unsigned(tf.relu6(EDGES)));
    expect(unsigned(leakyRelu(EDGES, 0.2))).toEqual(unsigned(tf.leakyRelu(EDGES, 0.2)));
    expect(unsigned(prelu(EDGES, 0.25))).toEqual(unsigned(tf.prelu(EDGES, tf.scalar(0.25))));
  });

  it('relu(−∞) = 0 and relu(+∞) = +∞, with derivative 0 and 1', () => {
    expect(values(relu([-Infinity, Infinity, NaN]))).toEqual([0, Infinity, NaN]);
    expect(values(leakyRelu([Infinity, -Infinity]))).toEqual([Infinity, -Infinity]);
  });
});

describe('gelu at the edges', () => {
  it('is +∞ at +∞, 0 at −∞, exact for huge inputs and accurate in the negative tail', () => {
    expect(values(gelu([Infinity, -Infinity, NaN, 3e38, -3e38]))).toEqual([Infinity, 0, NaN, Math.fround(3e38), 0]);
    // x·Φ(x) = x·½erfc(−x/√2), reference values computed with mpmath.
    const ref: Array<[number, number]> = [
      [-11, -2.1017255319485433e-27],
      [-8, -4.976768459417427e-15],
      [-5, -1.4332578593959695e-6],
    ];
    const got = gelu(ref.map(([x]) => x)).dataSync();
    ref.forEach(([, y], i) => expect(Math.abs(got[i]! - y) / Math.abs(y)).toBeLessThan(5e-7));
  });
});

describe("TensorFlow.js's positional forms", () => {
  it('softmax(x, axis), logSoftmax(x, axis) and leakyRelu(x, alpha) equal their options forms', () => {
    const x = tensor([
      [1, 2, 3],
      [1, 1, 5],
    ]);
    expect(softmax(x, 0).arraySync()).toEqual(softmax(x, { axis: 0 }).arraySync());
    expect(logSoftmax(x, -1).arraySync()).toEqual(logSoftmax(x, { axis: -1 }).arraySync());
    expect(leakyRelu([-10, 2], 0.3).arraySync()).toEqual(leakyRelu([-10, 2], { alpha: 0.3 }).arraySync());
    expect(() => softmax(x, 2)).toThrow(/axis/);
  });
});
