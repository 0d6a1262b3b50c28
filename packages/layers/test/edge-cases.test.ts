import { ones, randomNormal, tensor, zeros } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  batchNormalization,
  conv2d,
  dense,
  flatten,
  globalAveragePooling2d,
  layerNormalization,
  maxPooling2d,
  multiHeadAttention,
  scaledDotProductAttention,
} from '@rectify/layers';
import { T, expectClose, values } from './helpers.js';

describe('edge cases: empty batches, zeros, huge values, NaN', () => {
  it('an empty batch flows through with the right shapes', () => {
    expect(T(dense({ units: 2 }).apply(zeros([0, 3]))).shape).toEqual([0, 2]);
    expect(T(conv2d({ filters: 2, kernelSize: 2 }).apply(zeros([0, 3, 3, 1]))).shape).toEqual([0, 2, 2, 2]);
    expect(T(flatten().apply(zeros([0, 2, 2]))).shape).toEqual([0, 4]);
    expect(T(layerNormalization().apply(zeros([0, 3]))).shape).toEqual([0, 3]);
  });

  it('NaN in one sample stays in that sample', () => {
    const y = values(
      dense({ units: 2, kernelInitializer: 'ones' }).apply(
        tensor([
          [NaN, 1],
          [1, 2],
        ]),
      ),
    );
    expect(y.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(y.slice(2)).toEqual([3, 3]);
    const p = values(
      maxPooling2d().apply(
        tensor([
          [
            [[NaN], [1]],
            [[2], [3]],
          ],
        ]),
      ),
    );
    expect(Number.isNaN(p[0]!)).toBe(true);
    const ln = values(
      layerNormalization().apply(
        tensor([
          [NaN, 1, 2],
          [1, 2, 3],
        ]),
      ),
    );
    expect(ln.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(ln.slice(3).every(Number.isFinite)).toBe(true);
  });

  it('normalization of a constant input gives zeros, not NaN (epsilon guards the division)', () => {
    expect(values(batchNormalization().apply(ones([4, 2]), { training: true }))).toEqual(new Array(8).fill(0));
    expect(values(layerNormalization().apply(tensor([[5, 5, 5]])))).toEqual([0, 0, 0]);
    expect(values(globalAveragePooling2d().apply(zeros([1, 2, 2, 1])))).toEqual([0]);
  });

  it('layer normalization is scale-invariant for large inputs', () => {
    const x = randomNormal([2, 6], 0, 1, 'float32', 4);
    const big = tensor(
      values(x).map((v) => v * 1e4),
      [2, 6],
    );
    expectClose(
      layerNormalization({ epsilon: 1e-6 }).apply(big),
      values(layerNormalization({ epsilon: 1e-6 }).apply(x)),
      1e-3,
    );
  });

  it('attention stays finite for huge scores and fully masked rows', () => {
    const q = tensor([[[1e4, 0]]]);
    const k = tensor([
      [
        [1e4, 0],
        [-1e4, 0],
      ],
    ]);
    const v = tensor([[[1], [2]]]);
    expect(values(scaledDotProductAttention(q, k, v).output)).toEqual([1]);
    // every key masked: uniform weights instead of NaN
    expectClose(scaledDotProductAttention(q, k, v, { mask: tensor([[[false, false]]]) }).output, [1.5]);
    const layer = multiHeadAttention({ numHeads: 1, keyDim: 2 });
    expect(
      values(
        layer.apply(
          tensor([
            [
              [1e3, -1e3],
              [1e3, 1e3],
            ],
          ]),
        ),
      ).every(Number.isFinite),
    ).toBe(true);
  });
});
