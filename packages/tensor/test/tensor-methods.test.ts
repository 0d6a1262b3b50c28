import { describe, expect, expectTypeOf, it } from 'vitest';
import { BackendError, ShapeError, Tensor, add, argMax, extendTensor, mean, mul, tensor } from '@rectify/tensor';

describe('chainable Tensor methods', () => {
  it('are their ops with the tensor first: x.op(...args) = op(x, ...args)', () => {
    const x = tensor([
      [1, -2],
      [3, 4],
    ]);
    expect(x.add(1).arraySync()).toEqual(add(x, 1).arraySync());
    expect(x.mul([10, 100]).square().sum(1).arraySync()).toEqual([100 + 40000, 900 + 160000]);
    expect(x.argMax(-1).arraySync()).toEqual(argMax(x, -1).arraySync());
    expect(x.mean(0, true).arraySync()).toEqual(mean(x, 0, true).arraySync());
    expect(x.matMul(x, false, true).arraySync()).toEqual([
      [5, -5],
      [-5, 25],
    ]);
    expect(mul(x, 2).abs().max().item()).toBe(8);
  });

  it('include the TensorFlow.js conveniences: asType, as1D … as5D, reshapeAs, flatten, clone, concat, stack, where', () => {
    const x = tensor([1, 2, 3, 4, 5, 6]);
    expect(x.as2D(2, 3).shape).toEqual([2, 3]);
    expect(x.as3D(1, 2, 3).as4D(1, 1, 2, 3).as5D(1, 1, 1, 2, 3).as1D().shape).toEqual([6]);
    expect(x.as4D(-1, 1, 3, 1).shape).toEqual([2, 1, 3, 1]);
    expect(() => x.as2D(-2, 3)).toThrow('as2D: dimensions must be non-negative integers or -1, received [-2,3]');
    expect(x.asType('int32').dtype).toBe('int32');
    expect(x.toInt().toFloat().toBool().dtype).toBe('bool');
    expect(
      x.reshapeAs(
        tensor([
          [0, 0, 0],
          [0, 0, 0],
        ]),
      ).shape,
    ).toEqual([2, 3]);
    expect(x.reshape([3, 2]).flatten().shape).toEqual([6]);
    expect(tensor([7]).asScalar().shape).toEqual([]);
    expect(() => x.asScalar()).toThrow(ShapeError);
    expect(() => x.as2D(4, 2)).toThrow(/cannot reshape/);
    const c = x.clone();
    expect(c).not.toBe(x);
    expect(c.arraySync()).toEqual(x.arraySync());
    expect(
      tensor([1])
        .concat([tensor([2]), tensor([3])])
        .arraySync(),
    ).toEqual([1, 2, 3]);
    expect(
      tensor([1])
        .concat(tensor([2]))
        .arraySync(),
    ).toEqual([1, 2]);
    expect(
      tensor([1, 2])
        .stack(tensor([3, 4]), 1)
        .arraySync(),
    ).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(
      tensor([1, 2])
        .where(tensor([true, false]), tensor([9, 9]))
        .arraySync(),
    ).toEqual([1, 9]);
  });

  it('keep the types of the ops', () => {
    const x = tensor([1, 2]);
    expectTypeOf(x.add).parameters.toEqualTypeOf<Parameters<typeof add> extends [unknown, ...infer R] ? R : never>();
    expectTypeOf(x.topk(1)).toEqualTypeOf<{ values: Tensor; indices: Tensor }>();
    expectTypeOf(x.split(2)).toEqualTypeOf<Tensor[]>();
  });

  it('extendTensor refuses to replace a member', () => {
    expect(() => extendTensor({ add: (x: Tensor) => x })).toThrow(BackendError);
    expect(() => extendTensor({ dataSync: (x: Tensor) => x })).toThrow(/Tensor already has a member named 'dataSync'/);
  });
});
