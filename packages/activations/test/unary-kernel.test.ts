import { describe, expect, it } from 'vitest';
import { get, leakyReluFn, reluFn } from '@rectify/activations';

describe('Activation.unaryKernel', () => {
  it('exposes the scalar function and resolved a, b of elementwise activations', () => {
    expect(get('relu').unaryKernel).toEqual({ fn: reluFn, a: 0, b: 0 });
    const leaky = get({ name: 'leakyRelu', alpha: 0.2 }).unaryKernel!;
    expect(leaky.fn).toBe(leakyReluFn);
    // The kernel parameters evaluate to the activation itself: f(-1) = -alpha.
    expect(leaky.fn.f(-1, leaky.a, leaky.b)).toBeCloseTo(-0.2, 12);
  });

  it('is undefined for composite activations', () => {
    expect(get('softmax').unaryKernel).toBeUndefined();
    expect(get('linear').unaryKernel).toBeUndefined();
  });
});
