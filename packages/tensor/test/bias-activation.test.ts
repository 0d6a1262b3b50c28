import { describe, expect, it } from 'vitest';
import { add, biasActivation, mapUnary, mathFns, tensor, unaryFn, zeros } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

const leaky = unaryFn({ name: 'leakyTest', f: (x, a) => (x > 0 ? x : a * x), df: (x, a) => (x > 0 ? 1 : a) });

describe('biasActivation', () => {
  it('adds the bias along the last axis, then applies fn with its parameters', () => {
    const z = tensor([
      [-1, 2, 0.5],
      [3, -4, -0.25],
    ]);
    const y = biasActivation(z, tensor([0.5, -3, 0]), leaky, 0.1);
    // Rows: [-0.5, -1, 0.5], [3.5, -7, -0.25] through leaky(·, 0.1).
    expectClose(y, [-0.05, -0.1, 0.5, 3.5, -0.7, -0.025]);
    expect(y.shape).toEqual([2, 3]);
    expect(y.dtype).toBe('float32');
  });

  it('agrees with mapUnary(add(z, bias)) for sigmoid on a rank-3 input', () => {
    const z = tensor([
      [
        [0.3, -1.2],
        [2, 0],
      ],
      [
        [-0.7, 5],
        [1e-30, -88],
      ],
    ]);
    const bias = tensor([0.1, -0.2]);
    const ref = [0.4, -1.4, 2.1, -0.2, -0.6, 4.8, 0.1, -88.2].map((v) => 1 / (1 + Math.exp(-v)));
    expectClose(biasActivation(z, bias, mathFns.sigmoidFn), ref);
    expect(Array.from(biasActivation(z, bias, mathFns.tanhFn).dataSync())).toEqual(
      Array.from(mapUnary(add(z, bias), mathFns.tanhFn).dataSync()),
    );
  });

  it('handles one unit, NaN and an empty batch', () => {
    expectClose(biasActivation(tensor([[1], [-2], [NaN]]), tensor([1]), mathFns.tanhFn), [
      Math.tanh(2),
      Math.tanh(-1),
      NaN,
    ]);
    const empty = biasActivation(zeros([0, 4]), zeros([4]), mathFns.sigmoidFn);
    expect(empty.shape).toEqual([0, 4]);
    expect(empty.size).toBe(0);
  });

  it('names the op, the shapes received and the shape expected on bad input', () => {
    expect(() => biasActivation(zeros([2, 3]), zeros([2]), mathFns.tanhFn)).toThrow(
      'biasActivation: bias must have shape [3] to match z [2,3], received [2]',
    );
    expect(() => biasActivation(zeros([2, 3]), zeros([1, 3]), mathFns.tanhFn)).toThrow(
      'biasActivation: bias must have shape [3] to match z [2,3], received [1,3]',
    );
    expect(() => biasActivation(tensor(1), zeros([1]), mathFns.tanhFn)).toThrow(
      'biasActivation: z must have rank >= 1 [..., units], received []',
    );
    expect(() => biasActivation(tensor([[1, 2]], [1, 2], 'int32'), zeros([2]), mathFns.tanhFn)).toThrow(
      'biasActivation: z and bias must be float32, received int32 and float32',
    );
  });
});
