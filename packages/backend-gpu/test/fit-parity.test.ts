import { describe, expect, it } from 'vitest';
import '@rectify/backend-gpu';
import { trainMlp } from './support/train-mlp.js';

function expectSameCurve(gpu: readonly number[], cpu: readonly number[], rtol: number): void {
  expect(gpu.length).toBe(cpu.length);
  const worst = Math.max(...gpu.map((l, i) => Math.abs(l - cpu[i]!) / Math.abs(cpu[i]!)));
  expect(worst).toBeLessThanOrEqual(rtol);
}

describe('training parity, cpu vs gpu', () => {
  it('a hand-written MLP trained with autograd and SGD gives the same loss curve within 1e-5', () => {
    const cpu = trainMlp('cpu');
    const gpu = trainMlp('gpu');
    expectSameCurve(gpu, cpu, 1e-5);
    expect(cpu[cpu.length - 1]!).toBeLessThan(cpu[0]! / 4);
  });
});
