import { describe, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';

/** A smooth regression target from 8 features. */
function data(n: number): { x: rf.Tensor; y: rf.Tensor } {
  const x = rf.randomNormal([n, 8], 0, 1, 'float32', 3);
  return { x, y: rf.tanh(rf.matmul(x, rf.randomNormal([8, 1], 0, 1, 'float32', 4))) };
}

describe('ActivationMonitor', () => {
  async function reluRun(learningRate: number) {
    rf.layers.resetDefaultNames();
    rf.setSeed(1);
    const { x, y } = data(256);
    const model = rf.sequential([
      rf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal', inputShape: [8] }),
      rf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal' }),
      rf.layers.dense({ units: 1 }),
    ]);
    model.compile({ optimizer: rf.optimizers.adam({ learningRate }), loss: 'mse' });
    const monitor = new rf.callbacks.ActivationMonitor();
    const history = await model.fit(x, y, { epochs: 4, batchSize: 32, verbose: 0, seed: 2, callbacks: [monitor] });
    return { monitor, history };
  }

  it('shows ReLU units dying when the learning rate is far too high', async () => {
    const high = await reluRun(1);
    const sane = await reluRun(0.001);
    const dead = (r: typeof high, epoch: number) =>
      r.monitor.history.find((h) => h.epoch === epoch)!.layers['dense_1']!.deadFraction;
    expect(high.monitor.history.map((h) => h.epoch)).toEqual([-1, 0, 1, 2, 3]);
    expect(dead(high, -1)).toBeLessThan(0.1);
    expect(dead(high, 3)).toBeGreaterThan(0.5);
    expect(dead(sane, 3)).toBeLessThan(0.1);
    // The same figures reach the epoch logs (and so the History and the CLI).
    expect(high.history.history['dense_1/deadFraction']![3]).toBe(dead(high, 3));
    expect(high.monitor.history[4]!.layers['dense_1']!.deadUnits).toBe(Math.round(dead(high, 3) * 64));
  });

  it('shows the first-layer gradient of a deep sigmoid net vanishing next to a ReLU net', async () => {
    const firstLayerGrad = async (activation: string, kernelInitializer: string): Promise<number[]> => {
      rf.layers.resetDefaultNames();
      rf.setSeed(1);
      const { x, y } = data(128);
      const layers = [rf.layers.dense({ units: 32, activation, kernelInitializer, inputShape: [8] })];
      for (let i = 0; i < 7; i++) layers.push(rf.layers.dense({ units: 32, activation, kernelInitializer }));
      const model = rf.sequential([...layers, rf.layers.dense({ units: 1 })]);
      model.compile({ optimizer: rf.optimizers.sgd({ learningRate: 0.01 }), loss: 'mse' });
      const monitor = new rf.callbacks.ActivationMonitor();
      await model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, seed: 2, callbacks: [monitor] });
      const last = monitor.history.at(-1)!.layers;
      return Object.values(last).map((l) => l.gradNorm);
    };
    const sigmoid = await firstLayerGrad('sigmoid', 'glorotUniform');
    const relu = await firstLayerGrad('relu', 'heNormal');
    expect(sigmoid).toHaveLength(8);
    expect(sigmoid[0]!).toBeLessThan(relu[0]! / 100);
    // The sigmoid gradient shrinks layer by layer towards the input (each sigmoid passes at most 1/4).
    expect(sigmoid[0]!).toBeLessThan(sigmoid[7]! / 100);
  });
});
