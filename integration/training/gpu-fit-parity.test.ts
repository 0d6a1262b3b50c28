import { describe, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import '@rectify/backend-gpu';

/**
 * The same short training on 'cpu' and on 'gpu' (gpu.js's WebAssembly mode in Node): identical seeds give
 * identical initial weights and batches, so the loss curves may differ only by float32 rounding.
 */
async function fitLosses(backend: string): Promise<number[]> {
  rf.setBackend(backend);
  rf.setSeed(7);
  const model = rf.sequential([
    rf.layers.dense({ units: 16, activation: 'relu', inputShape: [6] }),
    rf.layers.dense({ units: 16, activation: 'tanh' }),
    rf.layers.dense({ units: 3, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: rf.optimizers.adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy' });
  const x = rf.randomNormal([96, 6], 0, 1, 'float32', 5);
  const y = rf.tidy(() => rf.oneHot(rf.argMax(rf.matmul(x, rf.randomNormal([6, 3], 0, 1, 'float32', 6)), 1), 3));
  const history = await model.fit(x, y, { epochs: 8, batchSize: 16, shuffle: true, verbose: 0 });
  rf.dispose([x, y]);
  model.dispose();
  rf.setBackend('cpu');
  return history.history.loss as number[];
}

function expectSameCurve(gpu: readonly number[], cpu: readonly number[], rtol: number): void {
  expect(gpu.length).toBe(cpu.length);
  const worst = Math.max(...gpu.map((l, i) => Math.abs(l - cpu[i]!) / Math.abs(cpu[i]!)));
  expect(worst).toBeLessThanOrEqual(rtol);
}

describe('training parity through the umbrella, cpu vs gpu', () => {
  it('model.fit (dense relu/tanh/softmax, Adam, shuffled batches) gives the same loss curve within 1e-4', async () => {
    const cpu = await fitLosses('cpu');
    const gpu = await fitLosses('gpu');
    expectSameCurve(gpu, cpu, 1e-4);
    expect(cpu[cpu.length - 1]!).toBeLessThan(cpu[0]! * 0.8);
  });
});
