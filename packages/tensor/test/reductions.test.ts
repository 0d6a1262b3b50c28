import { describe, expect, it } from 'vitest';
import {
  all,
  any,
  argMax,
  argMin,
  logSumExp,
  max,
  mean,
  min,
  moments,
  prod,
  sum,
  tensor,
  variance,
  zeros,
} from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

const x = tensor([
  [1, 5, 3],
  [4, 2, 6],
]);

describe('reductions along axes', () => {
  it('sum over all axes, one axis, several axes, negative axes', () => {
    expect(sum(x).arraySync()).toBe(21);
    expect(sum(x, 0).arraySync()).toEqual([5, 7, 9]);
    expect(sum(x, 1).arraySync()).toEqual([9, 12]);
    expect(sum(x, -1).arraySync()).toEqual([9, 12]);
    expect(sum(x, [0, 1]).arraySync()).toBe(21);
    expect(sum(x, null).arraySync()).toBe(21);
  });

  it('keepDims keeps reduced axes with size 1', () => {
    expect(sum(x, 1, true).shape).toEqual([2, 1]);
    expect(sum(x, 1, true).arraySync()).toEqual([[9], [12]]);
    expect(max(x, undefined, true).shape).toEqual([1, 1]);
    expect(mean(x, 0, true).arraySync()).toEqual([[2.5, 3.5, 4.5]]);
  });

  it('middle and non-adjacent axes of a rank-3 tensor', () => {
    const t = tensor([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [9, 10],
        [11, 12],
      ],
    ]);
    expect(sum(t, 1).arraySync()).toEqual([
      [9, 12],
      [27, 30],
    ]);
    expect(sum(t, [0, 2]).arraySync()).toEqual([1 + 2 + 7 + 8, 3 + 4 + 9 + 10, 5 + 6 + 11 + 12]);
    expect(max(t, [0, 2]).arraySync()).toEqual([8, 10, 12]);
    expect(min(t, [1, 2], true).arraySync()).toEqual([[[1]], [[7]]]);
  });

  it('max, min, prod, mean', () => {
    expect(max(x, 1).arraySync()).toEqual([5, 6]);
    expect(min(x, 0).arraySync()).toEqual([1, 2, 3]);
    expect(prod(x, 1).arraySync()).toEqual([15, 48]);
    expect(mean(x).arraySync()).toBe(3.5);
    expect(mean(x, 1).arraySync()).toEqual([3, 4]);
  });

  it('any and all take bool tensors', () => {
    const b = tensor([
      [true, false],
      [false, false],
    ]);
    expect(any(b, 1).arraySync()).toEqual([true, false]);
    expect(all(b, 0).arraySync()).toEqual([false, false]);
    expect(all(tensor([true, true])).arraySync()).toBe(true);
  });

  it('dtypes: int32 sums stay int32, bool sums count, mean is float32', () => {
    const i = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      'int32',
    );
    expect(sum(i).dtype).toBe('int32');
    expect(max(i, 0).dtype).toBe('int32');
    expect(sum(tensor([true, true, false])).arraySync()).toBe(2);
    expect(sum(tensor([true, true, false])).dtype).toBe('int32');
    expect(mean(i).dtype).toBe('float32');
    expect(mean(i).arraySync()).toBe(2.5);
  });

  it('empty reductions give the identity of the op', () => {
    expect(sum(zeros([0, 3]), 0).arraySync()).toEqual([0, 0, 0]);
    expect(prod(zeros([0])).arraySync()).toBe(1);
    expect(max(zeros([0])).arraySync()).toBe(-Infinity);
    expect(min(zeros([2, 0]), 1).arraySync()).toEqual([Infinity, Infinity]);
    expect(mean(zeros([0])).arraySync()).toBeNaN();
    expect(sum(zeros([3, 0]), 0).shape).toEqual([0]);
  });

  it('a reduction over no axes returns the values unchanged', () => {
    expect(sum(x, []).arraySync()).toEqual(x.arraySync());
    expect(sum(tensor(3)).arraySync()).toBe(3);
  });

  it('NaN propagates through sum, max and min', () => {
    const n = tensor([1, NaN, 3]);
    expect(sum(n).arraySync()).toBeNaN();
    expect(max(n).arraySync()).toBeNaN();
    expect(min(n).arraySync()).toBeNaN();
    expect(max(tensor([NaN, 1])).arraySync()).toBeNaN();
  });

  it('sums long float32 vectors accurately (float64 accumulation)', () => {
    const n = 100_000;
    const v = new Float32Array(n).fill(0.1);
    // A float32 running sum drifts to about 9998.56; float64 accumulation rounds once, at the end.
    expect(sum(tensor(v)).arraySync()).toBe(Math.fround(n * Math.fround(0.1)));
  });
});

describe('argMax and argMin', () => {
  it('along an axis (default 0, as in TensorFlow.js)', () => {
    expect(argMax(x).arraySync()).toEqual([1, 0, 1]);
    expect(argMax(x, 1).arraySync()).toEqual([1, 2]);
    expect(argMin(x, 1).arraySync()).toEqual([0, 1]);
    expect(argMax(x, -1).dtype).toBe('int32');
  });
  it('returns the first index on ties and the NaN index if there is one', () => {
    expect(argMax(tensor([3, 7, 7, 1])).arraySync()).toBe(1);
    expect(argMin(tensor([2, 1, 5, 1])).arraySync()).toBe(1);
    expect(argMax(tensor([1, NaN, 9])).arraySync()).toBe(1);
  });
  it('works on int32', () => {
    expect(
      argMax(
        tensor(
          [
            [1, 9],
            [8, 2],
          ],
          undefined,
          'int32',
        ),
        1,
      ).arraySync(),
    ).toEqual([1, 0]);
  });
});

describe('logSumExp, moments, variance', () => {
  it('logSumExp matches log(sum(exp)) and does not overflow at ±1e4', () => {
    expectClose(logSumExp(tensor([1, 2, 3])), [Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3))], 1e-6);
    expectClose(logSumExp(tensor([1e4, 1e4])), [1e4 + Math.LN2], 1e-6);
    expectClose(logSumExp(tensor([-1e4, -1e4])), [-1e4 + Math.LN2], 1e-6);
    expectClose(
      logSumExp(
        tensor([
          [0, 0],
          [1e4, -1e4],
        ]),
        1,
      ),
      [Math.LN2, 1e4],
      1e-6,
    );
    expect(logSumExp(tensor([[1, 2]]), 1, true).shape).toEqual([1, 1]);
  });
  it('logSumExp of an all −∞ slice is −∞, and +∞ stays +∞', () => {
    expectClose(logSumExp(tensor([-Infinity, -Infinity])), [-Infinity], 0);
    expectClose(logSumExp(tensor([Infinity, 0])), [Infinity], 0);
  });
  it('moments give the mean and the population variance', () => {
    const m = moments(
      tensor([
        [1, 2],
        [3, 6],
      ]),
      0,
    );
    expect(m.mean.arraySync()).toEqual([2, 4]);
    expect(m.variance.arraySync()).toEqual([1, 4]);
    const k = moments(
      tensor([
        [1, 2],
        [3, 6],
      ]),
      1,
      true,
    );
    expect(k.mean.shape).toEqual([2, 1]);
    expect(k.variance.arraySync()).toEqual([[0.25], [2.25]]);
  });
  it('variance over all axes', () => {
    expectClose(variance(tensor([1, 2, 3, 4])), [1.25], 1e-7);
    expectClose(variance(tensor([5, 5, 5])), [0], 0);
  });
});
