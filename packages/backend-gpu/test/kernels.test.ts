import { beforeAll, describe, expect, it } from 'vitest';
import * as rf from '@rectify/tensor';
import { reluFn, leakyReluFn } from '@rectify/activations';
import '@rectify/backend-gpu';

/**
 * Kernel behaviour the conformance suite does not pin down by itself: hand-computed values at sizes that take
 * the multi-pass and grouped paths, NaN rules, index errors and the limits of float indexing.
 */
beforeAll(() => rf.setBackend('gpu'));

const run = <T>(fn: () => T): T => rf.tidy(fn);

describe('reductions in passes', () => {
  it('sums 70,000 ones exactly over three passes (70,000 → 274 → 2 → 1)', () => {
    expect(run(() => rf.sum(rf.ones([70000])).item())).toBe(70000);
  });

  it('sums 1..1000 along an axis of a [2,1000] tensor: 500500 and −500500', () => {
    const v = run(() => {
      const a = rf.arange(1, 1001);
      return rf.sum(rf.stack([a, rf.neg(a)]), 1).arraySync();
    });
    expect(v).toEqual([500500, -500500]);
  });

  it('max lets NaN win wherever it sits in a long axis; min and prod read every block (2^300 overflows float32)', () => {
    const values = Array.from({ length: 600 }, (_, i) => i);
    values[450] = NaN;
    expect(run(() => rf.max(rf.tensor(values)).item())).toBeNaN();
    expect(run(() => rf.min(rf.tensor(values.map((v, i) => (i === 450 ? 3 : 1000 - v)))).item())).toBe(3);
    expect(run(() => rf.min(rf.tensor(values.map((_, i) => 1000 - i))).item())).toBe(401);
    expect(run(() => rf.prod(rf.full([300], 2)).item())).toBe(Infinity);
    expect(run(() => rf.prod(rf.full([300], 1.001)).item())).toBeCloseTo(1.001 ** 300, 4);
  });

  it('reduces non-adjacent axes (transposed first): [2,3,4] over axes 0 and 2', () => {
    // Element (a, b, c) = 12a + 4b + c; summing a ∈ {0,1} and c ∈ {0..3} gives 8·4b + 2·6 + 12·4 = 32b + 60.
    expect(run(() => rf.sum(rf.reshape(rf.arange(0, 24), [2, 3, 4]), [0, 2]).arraySync())).toEqual([60, 92, 124]);
  });

  it('reduces an empty axis to the identity of the op', () => {
    expect(run(() => [rf.sum(rf.zeros([3, 0]), 1), rf.max(rf.zeros([3, 0]), 1)].map((t) => t.arraySync()))).toEqual([
      [0, 0, 0],
      [-Infinity, -Infinity, -Infinity],
    ]);
  });

  it('argMax: first index on ties, first NaN wins', () => {
    expect(
      run(() =>
        rf
          .argMax(
            rf.tensor([
              [1, 5, 5, 2],
              [NaN, 9, NaN, 1],
            ]),
            1,
          )
          .arraySync(),
      ),
    ).toEqual([1, 0]);
  });
});

describe('layout and indexing', () => {
  it('concatenates 10 inputs (more than one kernel takes) in order', () => {
    const v = run(() =>
      rf
        .concat(
          Array.from({ length: 10 }, (_, i) => rf.full([1, 2], i)),
          0,
        )
        .arraySync(),
    );
    expect(v).toEqual(Array.from({ length: 10 }, (_, i) => [i, i]));
  });

  it('concat kernels with the same rows but a different number of them are different kernels', () => {
    const v = run(() =>
      [rf.concat([rf.ones([2, 3]), rf.zeros([2, 1])], 1), rf.concat([rf.ones([3, 3]), rf.zeros([3, 1])], 1)].map((t) =>
        t.arraySync(),
      ),
    );
    expect(v).toEqual([
      [
        [1, 1, 1, 0],
        [1, 1, 1, 0],
      ],
      [
        [1, 1, 1, 0],
        [1, 1, 1, 0],
        [1, 1, 1, 0],
      ],
    ]);
  });

  it('pads with the given value, including int32 tensors', () => {
    expect(
      run(() =>
        rf
          .pad(
            rf.tensor([[1, 2]], undefined, 'int32'),
            [
              [1, 0],
              [0, 1],
            ],
            7,
          )
          .arraySync(),
      ),
    ).toEqual([
      [7, 7, 7],
      [1, 2, 7],
    ]);
  });

  it('gather picks rows and columns; an out-of-range index is rejected before any kernel runs', () => {
    const x = () =>
      rf.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
    const idx = (v: number[]) => rf.tensor(v, undefined, 'int32');
    expect(run(() => rf.gather(x(), idx([1, 1, 0]), 0).arraySync())).toEqual([
      [4, 5, 6],
      [4, 5, 6],
      [1, 2, 3],
    ]);
    expect(run(() => rf.gather(x(), idx([2, 0]), 1).arraySync())).toEqual([
      [3, 1],
      [6, 4],
    ]);
    expect(() => run(() => rf.gather(x(), idx([0, 3]), 1))).toThrow(/^gather: index 3 is out of range \[0, 3\)/);
  });

  it('scatterAdd sums repeated indices', () => {
    const out = run(() =>
      rf.engine
        .runKernel(
          'scatterAdd',
          [
            rf.tensor([
              [1, 2],
              [3, 4],
              [5, 6],
            ]),
            rf.tensor([2, 0, 2], undefined, 'int32'),
          ],
          { axis: 0, shape: [3, 2] },
        )
        .arraySync(),
    );
    expect(out).toEqual([
      [3, 4],
      [0, 0],
      [6, 8],
    ]);
  });
});

describe('integer and boolean results', () => {
  it('int32 pow is exact and int32 results truncate as an Int32Array does', () => {
    const i = (v: number[]) => rf.tensor(v, undefined, 'int32');
    expect(run(() => rf.pow(i([5, -2, 3, 2]), i([2, 3, 4, -1])).arraySync())).toEqual([25, -8, 81, 0]);
    expect(run(() => rf.clipByValue(i([-5, 0, 5]), -1.5, 1.5).arraySync())).toEqual([-1, 0, 1]);
    expect(run(() => rf.cast(rf.tensor([2.7, -2.7, NaN, Infinity]), 'int32').arraySync())).toEqual([2, -2, 0, 0]);
    expect(run(() => rf.cast(rf.tensor([0, 2, NaN, -0]), 'bool').arraySync())).toEqual([false, true, true, false]);
  });
});

describe('activations written for float64', () => {
  it("relu's and leakyRelu's derivatives (×1e300·1e300) are exact 0/1 steps in float32 too", () => {
    const x = [-1, -0, 0, 1e-30, 2, NaN];
    const dy = [1, 1, 1, 1, 1, 1];
    expect(run(() => Array.from(rf.mapUnaryGrad(rf.tensor(x), rf.tensor(dy), reluFn).dataSync()))).toEqual([
      0,
      0,
      0,
      1,
      1,
      NaN,
    ]);
    expect(run(() => Array.from(rf.mapUnaryGrad(rf.tensor(x), rf.tensor(dy), leakyReluFn, 0.5).dataSync()))).toEqual([
      0.5,
      0.5,
      0.5,
      1,
      1,
      NaN,
    ]);
  });
});

describe('limits', () => {
  it('refuses tensors of 2^24 elements or more, whose float32 indices would not be exact', () => {
    expect(() => run(() => rf.add(rf.zeros([4096, 4096]), 1))).toThrow(
      new rf.BackendError(
        'binary: the gpu backend indexes with float32, so tensors must have fewer than 2^24 elements, received [4096,4096]',
      ),
    );
  });

  it('names the function and the construct when a user function cannot run on gpu.js', () => {
    const k = 2;
    const scaled = rf.unaryFn({ name: 'scaled', f: (x) => x * k });
    expect(() => run(() => rf.mapUnary(rf.tensor([1]), scaled))).toThrow(
      new rf.ValueError(
        "gpu: cannot translate 'scaled'.f for gpu.js: it refers to 'k', which is neither a parameter nor a local (closures and helper calls are not supported)",
      ),
    );
  });
});
