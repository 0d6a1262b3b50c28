import { describe, expect, it } from 'vitest';
import { matmul, tensor, zeros } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';
import { matmulRef, normal, useWasm, withThreads } from './helpers.js';

const COMBOS = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** Checks op(A)·op(B) against a float64 product for each transpose combination. */
function checkAgainstFloat64(M: number, N: number, K: number, seed: number): void {
  for (const [ta, tb] of COMBOS) {
    const a = normal(ta ? [K, M] : [M, K], seed);
    const b = normal(tb ? [N, K] : [K, N], seed + 1);
    const expected = matmulRef(a.dataSync(), b.dataSync(), M, N, K, ta, tb);
    // float32 products of N(0,1) values: error grows like √K·ε.
    expectClose(
      matmul(a, b, ta, tb),
      expected,
      { rtol: 1e-4, atol: 2e-6 * Math.sqrt(K) },
      `[${M}x${K}]·[${K}x${N}] ${ta}/${tb}`,
    );
  }
}

describe('matmul on the packed SIMD kernel', () => {
  it('matches a float64 product at the MLP layer shapes, in all four transpose combinations', () => {
    useWasm().setThreads(1);
    checkAgainstFloat64(128, 256, 784, 1);
    checkAgainstFloat64(128, 10, 128, 3);
  });

  it('crosses every cache block edge: M > 128, N > 1024, K > 256, none a multiple of the 4×8 tile', () => {
    useWasm().setThreads(1);
    checkAgainstFloat64(130, 1030, 261, 5);
    checkAgainstFloat64(7, 9, 1027, 7);
  });

  it('gives bitwise the same result on 1 and 2 threads, in all four transpose combinations', async () => {
    for (const [ta, tb] of COMBOS) {
      const a = normal(ta ? [301, 203] : [203, 301], 11);
      const b = normal(tb ? [277, 301] : [301, 277], 12);
      const one = await withThreads(1, () => matmul(a, b, ta, tb).dataSync());
      const two = await withThreads(2, () => matmul(a, b, ta, tb).dataSync());
      expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
    }
  });

  it('splits narrow products (N < 16) by rows and many small products whole, with the same results', async () => {
    const a = normal([333, 100], 13);
    const b = normal([100, 5], 14);
    const narrow1 = await withThreads(1, () => matmul(a, b).dataSync());
    const narrow2 = await withThreads(2, () => matmul(a, b).dataSync());
    expect(Array.from(narrow2)).toEqual(Array.from(narrow1));
    const x = normal([9, 17, 23], 15);
    const y = normal([9, 23, 11], 16);
    const batched1 = await withThreads(1, () => matmul(x, y).dataSync());
    const batched2 = await withThreads(2, () => matmul(x, y).dataSync());
    expect(Array.from(batched2)).toEqual(Array.from(batched1));
  });

  it('broadcasts batch axes: [2,1,3,2]·[3,2,2] is six products', () => {
    useWasm();
    const a = tensor([
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ],
      [
        [
          [0, 1],
          [1, 0],
          [2, 2],
        ],
      ],
    ]);
    const b = tensor([
      [
        [1, 0],
        [0, 1],
      ],
      [
        [2, 0],
        [0, 2],
      ],
      [
        [0, 1],
        [1, 0],
      ],
    ]);
    const y = matmul(a, b);
    expect(y.shape).toEqual([2, 3, 3, 2]);
    expect(y.arraySync()).toEqual([
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        [
          [2, 4],
          [6, 8],
          [10, 12],
        ],
        [
          [2, 1],
          [4, 3],
          [6, 5],
        ],
      ],
      [
        [
          [0, 1],
          [1, 0],
          [2, 2],
        ],
        [
          [0, 2],
          [2, 0],
          [4, 4],
        ],
        [
          [1, 0],
          [0, 1],
          [2, 2],
        ],
      ],
    ]);
  });

  it('returns zeros for an empty inner dimension and an empty result for empty rows', () => {
    useWasm();
    expect(matmul(zeros([3, 0]), zeros([0, 2])).arraySync()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(matmul(zeros([0, 4]), zeros([4, 2])).shape).toEqual([0, 2]);
  });

  it('propagates NaN and Inf like the reference', () => {
    useWasm();
    const y = matmul(
      tensor([
        [NaN, 1],
        [Infinity, 0],
        [1, 2],
      ]),
      tensor([
        [1, 0],
        [0, 1],
      ]),
    );
    expect(y.arraySync()).toEqual([
      [NaN, NaN],
      [Infinity, NaN],
      [1, 2],
    ]);
  });
});
