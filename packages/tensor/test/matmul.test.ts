import { describe, expect, it } from 'vitest';
import { PRNGKey, matmul, tensor, transpose, zeros, ones, eye } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

/** The textbook triple loop in float64, as the reference. */
function refMatmul(a: Float64Array, b: Float64Array, M: number, K: number, N: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[i * K + k]! * b[k * N + j]!;
      c[i * N + j] = s;
    }
  return c;
}

function rand(n: number, seed: number): Float64Array {
  return Float64Array.from(PRNGKey.fromSeed(seed).normal(n), Math.fround);
}

describe('matmul', () => {
  it('multiplies 2×3 by 3×2 (hand-computed)', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(matmul(a, b).arraySync()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it('supports all four transpose combinations', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    const expected = [
      [58, 64],
      [139, 154],
    ];
    const at = transpose(a);
    const bt = transpose(b);
    expect(matmul(at, b, true, false).arraySync()).toEqual(expected);
    expect(matmul(a, bt, false, true).arraySync()).toEqual(expected);
    expect(matmul(at, bt, true, true).arraySync()).toEqual(expected);
  });

  for (const [M, K, N] of [
    [7, 13, 31],
    [10, 784, 31],
    [1, 5, 1],
    [5, 4, 3],
    [33, 130, 520],
    [3, 1, 4],
  ] as const) {
    it(`matches a float64 reference for ${M}×${K} · ${K}×${N} in every transpose combination`, () => {
      const a = rand(M * K, M + K);
      const b = rand(K * N, K + N);
      const ref = refMatmul(a, b, M, K, N);
      const ta = tensor(Float32Array.from(a), [M, K]);
      const tb = tensor(Float32Array.from(b), [K, N]);
      const tol = { rtol: 1e-5, atol: 1e-5 * Math.sqrt(K) };
      expectClose(matmul(ta, tb), ref, tol);
      expectClose(matmul(transpose(ta), tb, true, false), ref, tol);
      expectClose(matmul(ta, transpose(tb), false, true), ref, tol);
      expectClose(matmul(transpose(ta), transpose(tb), true, true), ref, tol);
    });
  }

  it('batches over leading axes and broadcasts them', () => {
    const a = tensor([
      [
        [1, 0],
        [0, 1],
      ],
      [
        [2, 0],
        [0, 2],
      ],
    ]); // [2, 2, 2]
    const b = tensor([
      [1, 2],
      [3, 4],
    ]); // [2, 2], broadcast over the batch
    expect(matmul(a, b).arraySync()).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [2, 4],
        [6, 8],
      ],
    ]);
    expect(matmul(b, a).arraySync()).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [2, 4],
        [6, 8],
      ],
    ]);
    const c = matmul(ones([3, 1, 2, 4]), ones([5, 4, 6]));
    expect(c.shape).toEqual([3, 5, 2, 6]);
    expect(c.dataSync().every((v) => v === 4)).toBe(true);
  });

  it('handles size-1 and empty dimensions', () => {
    expect(matmul(tensor([[2]]), tensor([[3]])).arraySync()).toEqual([[6]]);
    expect(matmul(zeros([0, 3]), zeros([3, 2])).shape).toEqual([0, 2]);
    expect(matmul(ones([2, 0]), ones([0, 3])).arraySync()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('computes in float32 from int32 inputs', () => {
    const r = matmul(tensor([[1, 2]], undefined, 'int32'), tensor([[3], [4]], undefined, 'int32'));
    expect(r.dtype).toBe('float32');
    expect(r.arraySync()).toEqual([[11]]);
  });

  it('propagates NaN and Infinity like IEEE arithmetic, also through zeros', () => {
    const r = matmul(
      tensor([
        [0, 1],
        [1, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
      tensor([[Infinity], [NaN]]),
    );
    expectClose(r, [NaN, NaN, NaN, NaN, NaN], 0);
    expectClose(matmul(eye(2), tensor([[Infinity], [1]])), [Infinity, NaN], 0);
  });
});
