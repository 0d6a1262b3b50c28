import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  add,
  broadcastShapes,
  broadcastTo,
  broadcastedAxes,
  mul,
  sub,
  tensor,
  where,
  zeros,
} from '@rectify/tensor';

/** A naive NumPy broadcast, in float64, written independently of the library. */
function refBroadcast(a: number[], as: number[], b: number[], bs: number[], f: (x: number, y: number) => number) {
  const rank = Math.max(as.length, bs.length);
  const pa = [...Array(rank - as.length).fill(1), ...as];
  const pb = [...Array(rank - bs.length).fill(1), ...bs];
  const out = pa.map((d, i) => Math.max(d, pb[i]!) * (d === 0 || pb[i] === 0 ? 0 : 1));
  const size = out.reduce((n, d) => n * d, 1);
  const values: number[] = [];
  for (let flat = 0; flat < size; flat++) {
    let rem = flat;
    const idx = out.map(() => 0);
    for (let d = rank - 1; d >= 0; d--) {
      idx[d] = rem % out[d]!;
      rem = Math.floor(rem / out[d]!);
    }
    const at = (shape: number[], vals: number[]) => {
      let off = 0;
      for (let d = 0; d < rank; d++) off = off * shape[d]! + (shape[d] === 1 ? 0 : idx[d]!);
      return vals[off]!;
    };
    values.push(f(at(pa, a), at(pb, b)));
  }
  return { shape: out, values };
}

function seq(shape: number[], start: number): number[] {
  return Array.from({ length: shape.reduce((n, d) => n * d, 1) }, (_, i) => start + i);
}

describe('NumPy broadcasting', () => {
  const pairs: Array<[number[], number[]]> = [
    [[2, 3], []],
    [[], [2, 3]],
    [[2, 3], [3]],
    [
      [2, 3],
      [2, 1],
    ],
    [
      [2, 1],
      [1, 3],
    ],
    [
      [4, 1, 3],
      [2, 1],
    ],
    [[1], [3, 1]],
    [
      [3, 1, 1],
      [1, 2, 1],
    ],
    [
      [2, 1, 3, 1],
      [5, 1, 4],
    ],
    [[0, 3], [3]],
    [[0], []],
    [
      [2, 0],
      [2, 1],
    ],
  ];
  for (const [as, bs] of pairs) {
    it(`[${as}] with [${bs}]`, () => {
      const a = seq(as, 1);
      const b = seq(bs, 100);
      const ref = refBroadcast(a, as, b, bs, (x, y) => x * 1000 + y);
      const got = add(mul(tensor(a, as), 1000), tensor(b, bs));
      expect(got.shape).toEqual(ref.shape);
      expect(Array.from(got.dataSync())).toEqual(ref.values);
      expect(broadcastShapes('t', as, bs)).toEqual(ref.shape);
    });
  }

  it('is symmetric in the operands for the shape', () => {
    expect(sub(zeros([3, 1]), zeros([1, 4])).shape).toEqual([3, 4]);
    expect(sub(zeros([1, 4]), zeros([3, 1])).shape).toEqual([3, 4]);
  });

  it('where broadcasts condition and both branches together', () => {
    const c = tensor([[true], [false]]);
    const r = where(c, tensor([1, 2, 3]), tensor([[10], [20]]));
    expect(r.arraySync()).toEqual([
      [1, 2, 3],
      [20, 20, 20],
    ]);
  });

  it('broadcastTo', () => {
    expect(broadcastTo(tensor([1, 2]), [3, 2]).arraySync()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(broadcastTo(tensor([[1], [2]]), [2, 3]).arraySync()).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    expect(broadcastTo(tensor(5), [2]).arraySync()).toEqual([5, 5]);
    expect(broadcastTo(tensor([1]), [0]).shape).toEqual([0]);
  });

  it('names the axes a gradient must be summed over', () => {
    expect(broadcastedAxes([3], [2, 3])).toEqual([0]);
    expect(broadcastedAxes([2, 1], [2, 3])).toEqual([1]);
    expect(broadcastedAxes([1, 1], [1, 3])).toEqual([1]);
    expect(broadcastedAxes([], [2, 3])).toEqual([0, 1]);
    expect(broadcastedAxes([2, 3], [2, 3])).toEqual([]);
  });

  it('rejects incompatible shapes with the op, both shapes and the axis', () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(ShapeError);
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(
      'add: shapes [2,3] and [4] cannot be broadcast (axis -1: 3 vs 4)',
    );
    expect(() => mul(zeros([2, 3, 4]), zeros([5, 1, 4]))).toThrow(
      'mul: shapes [2,3,4] and [5,1,4] cannot be broadcast (axis -3: 2 vs 5)',
    );
    expect(() => add(zeros([0]), zeros([2]))).toThrow('add: shapes [0] and [2] cannot be broadcast (axis -1: 0 vs 2)');
    expect(() => broadcastTo(zeros([2]), [3])).toThrow('broadcastTo: cannot broadcast [2] to [3] (axis 0: 2 vs 3)');
    expect(() => broadcastTo(zeros([2, 2]), [2])).toThrow('broadcastTo: cannot broadcast [2,2] to lower rank [2]');
  });
});
