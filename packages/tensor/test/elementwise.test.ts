import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  cast,
  ceil,
  clip,
  clipByValue,
  cos,
  div,
  equal,
  exp,
  expm1,
  floor,
  floorDiv,
  greater,
  greaterEqual,
  isFinite,
  isNaN,
  less,
  lessEqual,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  logicalXor,
  mapBinary,
  mapUnary,
  maximum,
  minimum,
  mod,
  mul,
  neg,
  notEqual,
  pow,
  reciprocal,
  round,
  rsqrt,
  sigmoid,
  sign,
  sin,
  softplus,
  sqrt,
  square,
  squaredDifference,
  sub,
  tanh,
  tensor,
  where,
  binaryFn,
  unaryFn,
} from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

const xs = [-2, -0.5, 0, 0.5, 3];

describe('unary math against float64 references', () => {
  const cases: Array<
    [string, (x: ReturnType<typeof tensor>) => ReturnType<typeof tensor>, (v: number) => number, number[]]
  > = [
    ['neg', neg, (v) => -v, xs],
    ['abs', abs, Math.abs, xs],
    ['exp', exp, Math.exp, xs],
    ['expm1', expm1, Math.expm1, [-1, -1e-7, 0, 1e-7, 2]],
    ['log', log, Math.log, [1e-6, 0.5, 1, Math.E, 100]],
    ['log1p', log1p, Math.log1p, [-0.5, -1e-7, 0, 1e-7, 4]],
    ['sqrt', sqrt, Math.sqrt, [0, 0.25, 2, 9, 1e6]],
    ['rsqrt', rsqrt, (v) => 1 / Math.sqrt(v), [0.25, 1, 4, 100]],
    ['square', square, (v) => v * v, xs],
    ['reciprocal', reciprocal, (v) => 1 / v, [-4, -0.5, 0.5, 8]],
    ['sign', sign, Math.sign, xs],
    ['floor', floor, Math.floor, [-1.5, -0.5, 0, 0.5, 1.999]],
    ['ceil', ceil, Math.ceil, [-1.5, -0.5, 0, 0.5, 1.001]],
    ['sin', sin, Math.sin, xs],
    ['cos', cos, Math.cos, xs],
    ['tanh', tanh, Math.tanh, [-20, -1, 0, 0.5, 20]],
    ['sigmoid', sigmoid, (v) => 1 / (1 + Math.exp(-v)), [-30, -1, 0, 1, 30]],
    ['softplus', softplus, (v) => Math.log(1 + Math.exp(v)), [-30, -1, 0, 1, 30]],
  ];
  for (const [name, op, ref, values] of cases) {
    it(name, () => expectClose(op(tensor(values)), values.map(ref), 1e-6));
  }

  it('round halves to even, as NumPy and TensorFlow', () => {
    expect(round(tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6, -2.6])).arraySync()).toEqual([
      -2, -2, -0, 0, 2, 2, 3, -3,
    ]);
  });

  it('stays finite where a naive formula overflows', () => {
    expectClose(sigmoid(tensor([-1e4, 1e4])), [0, 1], 0);
    expectClose(softplus(tensor([-1e4, 1e4])), [0, 1e4], 0);
    expectClose(expm1(tensor([1e-10])), [1e-10], 1e-6);
    expectClose(log1p(tensor([1e-10])), [1e-10], 1e-6);
  });

  it('propagates NaN and handles infinities (non-finite values are not errors)', () => {
    const v = tensor([NaN, Infinity, -Infinity]);
    expectClose(exp(v), [NaN, Infinity, 0], 0);
    expectClose(abs(v), [NaN, Infinity, Infinity], 0);
    expectClose(sigmoid(v), [NaN, 1, 0], 0);
    expectClose(tanh(v), [NaN, 1, -1], 0);
    expectClose(log(tensor([0, -1])), [-Infinity, NaN], 0);
    expectClose(sqrt(tensor([-1])), [NaN], 0);
    expectClose(sign(tensor([NaN])), [NaN], 0);
    expect(isNaN(v).arraySync()).toEqual([true, false, false]);
    expect(isFinite(tensor([NaN, Infinity, 1, -0])).arraySync()).toEqual([false, false, true, true]);
  });

  it('clip / clipByValue', () => {
    expectClose(clipByValue(tensor([-2, 0.5, 3, NaN]), 0, 1), [0, 0.5, 1, NaN], 0);
    expect(clip).toBe(clipByValue);
    expect(clip(tensor([-5, 5], undefined, 'int32'), -1, 2).arraySync()).toEqual([-1, 2]);
  });

  it('mapUnary runs any scalar function with its parameters', () => {
    const leaky = unaryFn({ name: 'leaky', f: (x, a) => (x > 0 ? x : a * x), df: (x, a) => (x > 0 ? 1 : a) });
    expectClose(mapUnary(tensor([-2, 3]), leaky, 0.1), [-0.2, 3], 1e-7);
  });
});

describe('binary arithmetic against hand-computed values', () => {
  const a = tensor([1, -2, 3.5, 0]);
  const b = tensor([2, 4, -0.5, 3]);
  it('add, sub, mul, div', () => {
    expectClose(add(a, b), [3, 2, 3, 3], 0);
    expectClose(sub(a, b), [-1, -6, 4, -3], 0);
    expectClose(mul(a, b), [2, -8, -1.75, 0], 0);
    expectClose(div(a, b), [0.5, -0.5, -7, 0], 0);
  });
  it('pow, maximum, minimum, squaredDifference', () => {
    expectClose(pow(tensor([2, 9, 4, 0]), tensor([3, 0.5, -1, 0])), [8, 3, 0.25, 1], 1e-7);
    expectClose(maximum(a, b), [2, 4, 3.5, 3], 0);
    expectClose(minimum(a, b), [1, -2, -0.5, 0], 0);
    expectClose(squaredDifference(a, b), [1, 36, 16, 9], 0);
  });
  it('mod and floorDiv take the sign of the divisor, like Python', () => {
    expectClose(mod(tensor([7, -7, 7, -7, 5.5]), tensor([3, 3, -3, -3, 2])), [1, 2, -2, -1, 1.5], 1e-7);
    expectClose(floorDiv(tensor([7, -7, 7, 5.5]), tensor([2, 2, -2, 2])), [3, -4, -4, 2], 0);
    expect(floorDiv(tensor([7, -7], undefined, 'int32'), tensor([2, 2], undefined, 'int32')).arraySync()).toEqual([
      3, -4,
    ]);
  });
  it('division by zero gives ±Infinity or NaN, not an error', () => {
    expectClose(div(tensor([1, -1, 0]), tensor([0, 0, 0])), [Infinity, -Infinity, NaN], 0);
  });
  it('maximum and minimum propagate NaN from either side', () => {
    expectClose(maximum(tensor([NaN, 1]), tensor([1, NaN])), [NaN, NaN], 0);
    expectClose(minimum(tensor([NaN, 1]), tensor([1, NaN])), [NaN, NaN], 0);
  });
  it('mapBinary runs any binary scalar function', () => {
    const hypot = binaryFn({ name: 'hypot', f: (x, y) => Math.sqrt(x * x + y * y), out: 'float32' });
    expectClose(mapBinary(tensor([3, 5]), tensor([4, 12]), hypot), [5, 13], 0);
  });
});

describe('comparisons and logic give bool tensors', () => {
  const a = tensor([1, 2, 3, NaN]);
  const b = tensor([2, 2, 2, NaN]);
  it('comparisons', () => {
    expect(equal(a, b).arraySync()).toEqual([false, true, false, false]);
    expect(notEqual(a, b).arraySync()).toEqual([true, false, true, true]);
    expect(less(a, b).arraySync()).toEqual([true, false, false, false]);
    expect(lessEqual(a, b).arraySync()).toEqual([true, true, false, false]);
    expect(greater(a, b).arraySync()).toEqual([false, false, true, false]);
    expect(greaterEqual(a, b).arraySync()).toEqual([false, true, true, false]);
    expect(equal(a, b).dtype).toBe('bool');
  });
  it('logical ops', () => {
    const p = tensor([true, true, false, false]);
    const q = tensor([true, false, true, false]);
    expect(logicalAnd(p, q).arraySync()).toEqual([true, false, false, false]);
    expect(logicalOr(p, q).arraySync()).toEqual([true, true, true, false]);
    expect(logicalXor(p, q).arraySync()).toEqual([false, true, true, false]);
    expect(logicalNot(p).arraySync()).toEqual([false, false, true, true]);
    expect(logicalAnd(p, true).arraySync()).toEqual([true, true, false, false]);
  });
  it('where picks per element, broadcasting all three', () => {
    expect(where(tensor([true, false, true]), tensor([1, 2, 3]), tensor([10, 20, 30])).arraySync()).toEqual([1, 20, 3]);
    expect(where(tensor([[true], [false]]), tensor([1, 2]), 0).arraySync()).toEqual([
      [1, 2],
      [0, 0],
    ]);
    expect(where(tensor([true, false]), NaN, 1).arraySync()).toEqual([NaN, 1]);
  });
});

describe('dtype rules', () => {
  const i = tensor([1, 2, 3], undefined, 'int32');
  const f = tensor([0.5, 0.5, 0.5]);
  const bo = tensor([true, false, true]);
  it('int32 with int32 stays int32; with float32 becomes float32', () => {
    expect(add(i, i).dtype).toBe('int32');
    expect(mul(i, f).dtype).toBe('float32');
    expect(add(i, f).arraySync()).toEqual([1.5, 2.5, 3.5]);
  });
  it('division is always float32, even of int32 by int32', () => {
    const q = div(i, tensor([2, 2, 2], undefined, 'int32'));
    expect(q.dtype).toBe('float32');
    expect(q.arraySync()).toEqual([0.5, 1, 1.5]);
  });
  it('plain numbers adopt the tensor dtype only when they fit it', () => {
    expect(add(i, 2).dtype).toBe('int32');
    expect(add(i, 2).arraySync()).toEqual([3, 4, 5]);
    expect(add(i, 1.5).dtype).toBe('float32');
    expect(add(i, 1.5).arraySync()).toEqual([2.5, 3.5, 4.5]);
    expect(add(2, i).dtype).toBe('int32');
    expect(mul(f, 2).dtype).toBe('float32');
    expect(add(i, [1, 2, 3]).dtype).toBe('int32');
    expect(add(i, [0.5, 0, 0]).dtype).toBe('float32');
  });
  it('bool arithmetic computes in int32 (never wraps to a bool)', () => {
    expect(add(bo, bo).dtype).toBe('int32');
    expect(add(bo, bo).arraySync()).toEqual([2, 0, 2]);
    expect(neg(bo).arraySync()).toEqual([-1, 0, -1]);
    expect(neg(bo).dtype).toBe('int32');
    expect(mul(bo, 2.5).arraySync()).toEqual([2.5, 0, 2.5]);
  });
  it('unary math on int32 gives float32; sign-preserving ops keep int32', () => {
    expect(exp(i).dtype).toBe('float32');
    expect(sqrt(i).dtype).toBe('float32');
    expect(abs(tensor([-3], undefined, 'int32')).dtype).toBe('int32');
    expect(square(i).arraySync()).toEqual([1, 4, 9]);
  });
  it('comparisons give bool', () => {
    expect(greater(i, f).dtype).toBe('bool');
    expect(equal(i, 2).arraySync()).toEqual([false, true, false]);
  });
  it('where promotes mixed branches', () => {
    expect(where(bo, i, f).dtype).toBe('float32');
    expect(where(bo, i, 0).dtype).toBe('int32');
    expect(where(bo, bo, false).dtype).toBe('bool');
  });
  it('cast between all dtypes', () => {
    const v = tensor([-1.7, -0.2, 0, 0.6, 2.5]);
    expect(cast(v, 'int32').arraySync()).toEqual([-1, 0, 0, 0, 2]);
    expect(cast(v, 'bool').arraySync()).toEqual([true, true, false, true, true]);
    expect(cast(bo, 'float32').arraySync()).toEqual([1, 0, 1]);
    expect(cast(bo, 'int32').dtype).toBe('int32');
    expect(cast(i, 'bool').arraySync()).toEqual([true, true, true]);
    expect(cast(tensor([NaN]), 'bool').arraySync()).toEqual([true]);
    const same = cast(f, 'float32');
    expect(same).not.toBe(f);
    expect(same.arraySync()).toEqual([0.5, 0.5, 0.5]);
  });
});
