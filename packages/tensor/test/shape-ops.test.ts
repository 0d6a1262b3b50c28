import { describe, expect, it } from 'vitest';
import {
  arange,
  broadcastTo,
  concat,
  expandDims,
  gather,
  oneHot,
  pad,
  permute,
  reshape,
  slice,
  split,
  squeeze,
  stack,
  tensor,
  tile,
  transpose,
  unstack,
  zeros,
} from '@rectify/tensor';

const m = tensor([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('reshape', () => {
  it('keeps row-major order and infers one -1', () => {
    expect(reshape(arange(6), [2, 3]).arraySync()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(reshape(arange(6), [-1, 2]).shape).toEqual([3, 2]);
    expect(reshape(arange(6), [3, -1]).shape).toEqual([3, 2]);
    expect(reshape(m, [-1]).arraySync()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reshape(tensor([5]), []).arraySync()).toBe(5);
    expect(reshape(zeros([0, 3]), [-1, 3]).shape).toEqual([0, 3]);
    expect(reshape(zeros([0, 3]), [3, 0]).shape).toEqual([3, 0]);
  });
  it('shares the buffer (no copy) and keeps the dtype', () => {
    const i = tensor([1, 2, 3, 4], undefined, 'int32');
    const r = reshape(i, [2, 2]);
    expect(r.dtype).toBe('int32');
    expect(r.dataId).toBe(i.dataId);
  });
});

describe('transpose and permute', () => {
  it('reverses axes by default', () => {
    expect(transpose(m).arraySync()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
  it('applies a permutation to a rank-3 tensor', () => {
    const t = reshape(arange(24), [2, 3, 4]);
    const p = transpose(t, [2, 0, 1]);
    expect(p.shape).toEqual([4, 2, 3]);
    // p[k][i][j] = t[i][j][k] = 12i + 4j + k
    expect((p.arraySync() as number[][][])[3]![1]![2]).toBe(12 + 8 + 3);
    expect(permute(t, [2, 0, 1]).arraySync()).toEqual(p.arraySync());
  });
  it('identity permutation and bool/int dtypes', () => {
    expect(transpose(m, [0, 1]).arraySync()).toEqual(m.arraySync());
    expect(transpose(tensor([[true, false]])).arraySync()).toEqual([[true], [false]]);
    expect(transpose(tensor([[1, 2]], undefined, 'int32')).dtype).toBe('int32');
    expect(transpose(zeros([0, 3])).shape).toEqual([3, 0]);
  });
});

describe('squeeze and expandDims', () => {
  it('squeeze all size-1 axes or the ones named', () => {
    expect(squeeze(zeros([1, 3, 1])).shape).toEqual([3]);
    expect(squeeze(zeros([1, 3, 1]), 0).shape).toEqual([3, 1]);
    expect(squeeze(zeros([1, 3, 1]), [-1]).shape).toEqual([1, 3]);
    expect(squeeze(zeros([1, 1])).shape).toEqual([]);
  });
  it('expandDims at the front, back and negative axes', () => {
    expect(expandDims(tensor([1, 2])).shape).toEqual([1, 2]);
    expect(expandDims(tensor([1, 2]), 1).shape).toEqual([2, 1]);
    expect(expandDims(tensor([1, 2]), -1).shape).toEqual([2, 1]);
    expect(expandDims(tensor(3), 0).shape).toEqual([1]);
  });
});

describe('concat, stack, split, unstack', () => {
  it('concat along axes 0 and 1, with empty parts', () => {
    expect(concat([m, tensor([[7, 8, 9]])]).arraySync()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(concat([m, tensor([[0], [0]])], 1).arraySync()).toEqual([
      [1, 2, 3, 0],
      [4, 5, 6, 0],
    ]);
    expect(concat([m, zeros([2, 0])], -1).arraySync()).toEqual(m.arraySync());
    expect(concat([tensor([1]), tensor([2, 3]), tensor([])]).arraySync()).toEqual([1, 2, 3]);
    expect(concat([tensor([true]), tensor([false])]).arraySync()).toEqual([true, false]);
  });
  it('stack along a new axis', () => {
    expect(stack([tensor([1, 2]), tensor([3, 4])]).arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(stack([tensor([1, 2]), tensor([3, 4])], 1).arraySync()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(stack([tensor(1), tensor(2)]).arraySync()).toEqual([1, 2]);
  });
  it('split into equal parts or given sizes (one may be -1)', () => {
    const parts = split(arange(6), 3);
    expect(parts.map((p) => p.arraySync())).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    const [a, b] = split(m, [1, -1], 1);
    expect(a!.arraySync()).toEqual([[1], [4]]);
    expect(b!.arraySync()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(split(arange(3), [0, 3]).map((p) => p.shape)).toEqual([[0], [3]]);
  });
  it('unstack removes the axis', () => {
    expect(unstack(m).map((t) => t.arraySync())).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(unstack(m, 1).map((t) => t.arraySync())).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(unstack(zeros([0, 3]))).toEqual([]);
  });
});

describe('slice', () => {
  it('takes a block given begin and size (-1 = to the end)', () => {
    expect(slice(m, [0, 1], [2, 2]).arraySync()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(slice(m, [1, 0], [-1, 2]).arraySync()).toEqual([[4, 5]]);
    expect(slice(m, [1]).arraySync()).toEqual([[4, 5, 6]]);
    expect(slice(arange(5), 2, 2).arraySync()).toEqual([2, 3]);
    expect(slice(m, [0, 3], [2, 0]).shape).toEqual([2, 0]);
  });
});

describe('gather and oneHot', () => {
  it('gathers rows and columns, with repeated and nested indices', () => {
    expect(gather(tensor([10, 20, 30]), tensor([2, 0, 2], undefined, 'int32')).arraySync()).toEqual([30, 10, 30]);
    expect(gather(m, [1, 0], 0).arraySync()).toEqual([
      [4, 5, 6],
      [1, 2, 3],
    ]);
    expect(gather(m, [2, 2], 1).arraySync()).toEqual([
      [3, 3],
      [6, 6],
    ]);
    expect(
      gather(
        m,
        tensor(
          [
            [0, 1],
            [1, 1],
          ],
          undefined,
          'int32',
        ),
        0,
      ).shape,
    ).toEqual([2, 2, 3]);
    expect(gather(m, tensor(1, [], 'int32'), 1).arraySync()).toEqual([2, 5]);
    expect(gather(m, tensor([], undefined, 'int32'), 0).shape).toEqual([0, 3]);
  });
  it('one-hot encodes, with custom values, leaving out-of-range rows all off', () => {
    expect(oneHot(tensor([0, 2], undefined, 'int32'), 3).arraySync()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(oneHot([1, 5], 3, 5, -1).arraySync()).toEqual([
      [-1, 5, -1],
      [-1, -1, -1],
    ]);
    expect(oneHot([1], 2, 1, 0, 'int32').dtype).toBe('int32');
    expect(oneHot(tensor([[0], [1]], undefined, 'int32'), 2).shape).toEqual([2, 1, 2]);
  });
});

describe('pad, tile, broadcastTo', () => {
  it('pads each axis before and after with a constant', () => {
    expect(
      pad(tensor([[1, 2]]), [
        [1, 0],
        [0, 2],
      ]).arraySync(),
    ).toEqual([
      [0, 0, 0, 0],
      [1, 2, 0, 0],
    ]);
    expect(pad(tensor([1]), [[2, 1]], -1).arraySync()).toEqual([-1, -1, 1, -1]);
    expect(pad(zeros([0]), [[1, 1]], 5).arraySync()).toEqual([5, 5]);
  });
  it('tiles along each axis', () => {
    expect(tile(tensor([1, 2]), [3]).arraySync()).toEqual([1, 2, 1, 2, 1, 2]);
    expect(tile(tensor([[1], [2]]), [2, 2]).arraySync()).toEqual([
      [1, 1],
      [2, 2],
      [1, 1],
      [2, 2],
    ]);
    expect(tile(tensor([1, 2]), [0]).shape).toEqual([0]);
  });
  it('broadcastTo repeats size-1 and missing axes', () => {
    expect(broadcastTo(tensor([[1], [2]]), [2, 2, 3]).shape).toEqual([2, 2, 3]);
  });
});
