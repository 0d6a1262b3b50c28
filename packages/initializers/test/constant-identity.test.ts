import { describe, expect, it } from 'vitest';
import { ShapeError } from '@rectify/tensor';
import { constant, identity, ones, zeros } from '@rectify/initializers';

describe('zeros, ones, constant', () => {
  it('fill every element with the value', () => {
    expect(zeros().apply([2, 3]).arraySync()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(ones().apply([3]).arraySync()).toEqual([1, 1, 1]);
    expect(Array.from(constant({ value: 0.1 }).apply([2, 2]).dataSync())).toEqual(Array(4).fill(Math.fround(0.1)));
    expect(constant({ value: -3 }).apply([]).item()).toBe(-3);
  });

  it('default constant is 0, as in Keras', () => {
    expect(constant().apply([2]).arraySync()).toEqual([0, 0]);
    expect(constant().getConfig()).toEqual({ name: 'constant', value: 0 });
  });

  it('make int32 tensors on request and float32 by default', () => {
    expect(ones().apply([2]).dtype).toBe('float32');
    const t = constant({ value: 7 }).apply([2], { dtype: 'int32' });
    expect(t.dtype).toBe('int32');
    expect(t.arraySync()).toEqual([7, 7]);
  });

  it('ignore seeds and handle empty shapes', () => {
    expect(zeros().apply([2], { seed: 5 }).arraySync()).toEqual([0, 0]);
    expect(ones().apply([0, 3]).size).toBe(0);
  });
});

describe('identity', () => {
  it('is the identity matrix times gain, rectangular allowed', () => {
    expect(identity().apply([3, 3]).arraySync()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(identity({ gain: 2 }).apply([2, 3]).arraySync()).toEqual([
      [2, 0, 0],
      [0, 2, 0],
    ]);
    expect(identity({ gain: 0.5 }).apply([3, 2]).arraySync()).toEqual([
      [0.5, 0],
      [0, 0.5],
      [0, 0],
    ]);
  });

  it('makes int32 on request', () => {
    expect(identity({ gain: 3 }).apply([2, 2], { dtype: 'int32' }).arraySync()).toEqual([
      [3, 0],
      [0, 3],
    ]);
  });

  it('rejects anything but 2-D shapes', () => {
    expect(() => identity().apply([3])).toThrow(ShapeError);
    expect(() => identity().apply([2, 2, 2])).toThrow('identity: shape must be 2-D, received [2,2,2] (rank 3)');
    expect(() => identity().apply([3, 3, 64, 128])).toThrow(
      'identity: shape must be 2-D, received [3,3,64,128] (rank 4)',
    );
  });
});
