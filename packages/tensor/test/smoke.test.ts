import { describe, expect, it } from 'vitest';
import { matmul, tensor } from '@rectify/tensor';

describe('smoke', () => {
  it('multiplies matrices', () => {
    expect(matmul(tensor([[1, 2], [3, 4]]), tensor([[1], [1]])).arraySync()).toEqual([[3], [7]]);
  });
});
