import { describe, expect, it } from 'vitest';
import { grad } from '@rectify/autograd';
import { tensor } from '@rectify/tensor';
import {
  celu,
  elu,
  gelu,
  hardSigmoid,
  hardSwish,
  leakyRelu,
  logSoftmax,
  mish,
  relu,
  relu6,
  selu,
  sigmoid,
  softmax,
  softplus,
  softsign,
  swish,
  tanh,
} from '@rectify/activations';

const values = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());
const SELU_FLOOR = -1.0507009873554805 * 1.6732632423543772;

describe('the extreme inputs named in the issue', () => {
  it('sigmoid(-1000) = 0 and sigmoid(1000) = 1 exactly, with zero derivative', () => {
    expect(values(sigmoid(tensor([-1000, 1000])))).toEqual([0, 1]);
    expect(values(grad((x) => sigmoid(x))(tensor([-1000, 1000])))).toEqual([0, 0]);
  });

  it('softplus(1000) = 1000 and softplus(-1000) = 0', () => {
    expect(values(softplus(tensor([1000, -1000])))).toEqual([1000, 0]);
    expect(values(grad((x) => softplus(x))(tensor([1000, -1000])))).toEqual([1, 0]);
  });

  it('gelu(-50) is -0 or 0 in both forms, gelu(50) = 50', () => {
    for (const approximate of ['none', 'tanh'] as const) {
      const [neg, pos] = values(gelu(tensor([-50, 50]), { approximate }));
      expect(Math.abs(neg!)).toBe(0);
      expect(pos).toBe(50);
      expect(values(grad((x) => gelu(x, { approximate }))(tensor([-50, 50])))).toEqual([0, 1]);
    }
  });

  it('selu, elu and celu at -1e4 are their finite floors', () => {
    expect(values(selu(tensor([-1e4])))).toEqual([Math.fround(SELU_FLOOR)]);
    expect(values(elu(tensor([-1e4])))).toEqual([-1]);
    expect(values(elu(tensor([-1e4]), { alpha: 0.5 }))).toEqual([-0.5]);
    expect(values(celu(tensor([-1e4]), { alpha: 2 }))).toEqual([-2]);
    expect(values(grad((x) => selu(x))(tensor([-1e4, 1e4])))).toEqual([0, Math.fround(1.0507009873554805)]);
  });

  it('softmax of [1e4, 0] is exactly [1, 0]; logSoftmax is [0, -1e4]', () => {
    expect(values(softmax(tensor([1e4, 0])))).toEqual([1, 0]);
    expect(values(logSoftmax(tensor([1e4, 0])))).toEqual([0, -1e4]);
  });

  it('the x·g(x) family gives signed zero far left and x far right', () => {
    for (const f of [
      (x: Parameters<typeof mish>[0]) => mish(x),
      (x: Parameters<typeof mish>[0]) => swish(x),
      hardSwish,
    ]) {
      const [a, b] = values(f(tensor([-1e4, 1e4])));
      expect(Math.abs(a!)).toBe(0);
      expect(b).toBe(1e4);
    }
  });
});

describe('signed zeros, NaN and infinities', () => {
  it('relu maps -0 to +0, NaN to NaN, +Infinity to +Infinity and has derivative exactly 0 at 0', () => {
    const [negZero, nan, inf] = values(relu(tensor([-0, NaN, Infinity])));
    expect(Object.is(negZero, 0)).toBe(true);
    expect(nan).toBeNaN();
    expect(inf).toBe(Infinity);
    expect(values(grad((x) => relu(x))(tensor([0, -0, 1e-30, -1e-30])))).toEqual([0, 0, 1, 0]);
  });

  it('relu(-Infinity) and relu6(-Infinity) are 0, as max(x, 0)', () => {
    expect(values(relu(tensor([-Infinity])))[0]).toBe(0);
    expect(values(relu6(tensor([-Infinity, Infinity])))).toEqual([0, 6]);
    expect(values(grad((x) => relu6(x))(tensor([Infinity, 6, 5.99, 0, -0, -Infinity])))).toEqual([0, 0, 1, 0, 0, 0]);
    expect(values(grad((x) => relu(x))(tensor([Infinity, -Infinity])))).toEqual([1, 0]);
  });

  it('bounded activations reach their limits at ±Infinity', () => {
    const at = (f: (x: ReturnType<typeof tensor>) => { dataSync(): ArrayLike<number> }) =>
      values(f(tensor([-Infinity, Infinity])));
    expect(at(sigmoid)).toEqual([0, 1]);
    expect(at(tanh)).toEqual([-1, 1]);
    expect(at(hardSigmoid)).toEqual([0, 1]);
    expect(at(softplus)).toEqual([0, Infinity]);
    expect(at((x) => elu(x))).toEqual([-1, Infinity]);
  });

  it('leakyRelu is exact: x itself for x > 0 (even subnormal or huge), alpha·x correctly rounded for x < 0', () => {
    const xs = [-3, 5e-45, 3e38, -1e30].map(Math.fround);
    const want = xs.map((x) => Math.fround(x > 0 ? x : 0.01 * x));
    expect(values(leakyRelu(tensor(xs), { alpha: 0.01 }))).toEqual(want);
  });

  it('softsign approaches ±1 at the ends of float32 and is exact at ±1', () => {
    expect(values(softsign(tensor([-3e38, -1, 1, 3e38])))).toEqual([-1, -0.5, 0.5, 1]);
  });
});
