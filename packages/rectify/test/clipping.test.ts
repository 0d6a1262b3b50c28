import { describe, expect, it } from 'vitest';
import { tensor } from '@rectify/tensor';
import { clipByGlobalNorm, clipByNorm, clipGradients, l2Norm } from '../src/optimizers/index.js';

const vals = (t: { dataSync(): ArrayLike<number> }): number[] => Array.from(t.dataSync());

describe('gradient clipping', () => {
  it('l2Norm does not overflow for exploding gradients', () => {
    expect(l2Norm(tensor([3e30, 4e30])).item()).toBeCloseTo(5e30, -24);
    expect(l2Norm(tensor([0, 0])).item()).toBe(0);
    expect(l2Norm(tensor([1e-30, 0])).item()).toBeCloseTo(1e-30, 36);
  });
  it('clipByNorm rescales only tensors outside the ball', () => {
    const c = vals(clipByNorm(tensor([3, 4]), 1));
    expect(c[0]).toBeCloseTo(0.6, 6);
    expect(c[1]).toBeCloseTo(0.8, 6);
    expect(vals(clipByNorm(tensor([0.3, 0.4]), 1))).toEqual(vals(tensor([0.3, 0.4])));
    const huge = vals(clipByNorm(tensor([3e25, -4e25]), 5));
    expect(huge[0]).toBeCloseTo(3, 5);
    expect(huge[1]).toBeCloseTo(-4, 5);
  });
  it('clipByGlobalNorm scales every tensor by one factor', () => {
    const { clipped, globalNorm } = clipByGlobalNorm([tensor([3]), tensor([[4]])], 1);
    expect(globalNorm.item()).toBeCloseTo(5, 6);
    expect(vals(clipped[0]!)[0]).toBeCloseTo(0.6, 6);
    expect(clipped[1]!.shape).toEqual([1, 1]);
    expect(vals(clipped[1]!)[0]).toBeCloseTo(0.8, 6);
    expect(clipByGlobalNorm([tensor([0.1])], 1).clipped[0]!.item()).toBeCloseTo(0.1, 7);
  });
  it('clipGradients applies norm then value clipping; NaN stays visible', () => {
    const [a] = clipGradients([tensor([30, 40])], { clipNorm: 10, clipValue: 7 });
    expect(vals(a!)).toEqual([6, 7]);
    const [n] = clipGradients([tensor([Number.NaN, 1])], { clipNorm: 1 });
    expect(Number.isNaN(vals(n!)[0]!)).toBe(true);
  });
  it('names the function in errors', () => {
    expect(() => clipByNorm(tensor([1]), 0)).toThrow('clipByNorm: maxNorm must be a positive number, received 0');
    expect(() => clipByGlobalNorm([], -1)).toThrow('clipByGlobalNorm: maxNorm must be a positive number, received -1');
  });
});
