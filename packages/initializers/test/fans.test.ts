import { describe, expect, it } from 'vitest';
import { computeFans } from '@rectify/initializers';

describe('computeFans', () => {
  it('treats a scalar as fan 1 and a vector [n] as fan n both ways', () => {
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 });
    expect(computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 });
  });

  it('reads a Dense kernel as [in, out]', () => {
    expect(computeFans([256, 128])).toEqual({ fanIn: 256, fanOut: 128 });
  });

  it('multiplies the channels of a Conv2D filter [kh, kw, in, out] by the receptive field', () => {
    expect(computeFans([3, 3, 64, 128])).toEqual({ fanIn: 3 * 3 * 64, fanOut: 3 * 3 * 128 });
    expect(computeFans([5, 1, 2, 4])).toEqual({ fanIn: 10, fanOut: 20 });
  });

  it('handles Conv1D [k, in, out] and Conv3D [kd, kh, kw, in, out] the same way', () => {
    expect(computeFans([3, 16, 32])).toEqual({ fanIn: 48, fanOut: 96 });
    expect(computeFans([2, 3, 3, 4, 8])).toEqual({ fanIn: 72, fanOut: 144 });
  });

  it('gives zero fans for zero-sized dimensions', () => {
    expect(computeFans([0, 5])).toEqual({ fanIn: 0, fanOut: 5 });
    expect(computeFans([3, 3, 0, 8])).toEqual({ fanIn: 0, fanOut: 72 });
  });

  it('rejects invalid shapes', () => {
    expect(() => computeFans([2, -1])).toThrow(
      'computeFans: shape must be an array of non-negative integers, received [2,-1]',
    );
    expect(() => computeFans([2.5])).toThrow(
      'computeFans: shape must be an array of non-negative integers, received [2.5]',
    );
  });
});
