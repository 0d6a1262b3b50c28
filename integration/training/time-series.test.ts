import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { seriesWindows } from './sequence-data.js';

/** Mean squared error of a model's one-step forecasts. */
function mse(model: rf.LayersModel, x: rf.Tensor, y: rf.Tensor): number {
  return rf.tidy(() => rf.mean(rf.square(rf.sub(model.predict(x) as rf.Tensor, y))).item());
}

const cases = [
  { name: 'GRU', len: 12, epochs: 6, body: () => [rf.layers.gru({ units: 16, inputShape: [12, 1] })] },
  {
    name: 'causal Conv1D',
    len: 24,
    epochs: 12,
    body: () => [
      rf.layers.conv1d({ filters: 16, kernelSize: 3, padding: 'causal', activation: 'relu', inputShape: [24, 1] }),
      rf.layers.conv1d({ filters: 16, kernelSize: 3, padding: 'causal', dilationRate: 2, activation: 'relu' }),
      rf.layers.globalAveragePooling1d(),
    ],
  },
];

for (const c of cases) {
  it(`a ${c.name} forecaster beats persistence on a held-out noisy periodic series`, async () => {
    rf.layers.resetDefaultNames();
    rf.setSeed(31);
    const train = seriesWindows(600, c.len, 1);
    const test = seriesWindows(300, c.len, 2);
    const model = rf.sequential([...c.body(), rf.layers.dense({ units: 1 })]);
    model.compile({ optimizer: rf.optimizers.adam({ learningRate: 0.01 }), loss: 'meanSquaredError' });
    const start = performance.now();
    await model.fit(train.x, train.y, { epochs: c.epochs, batchSize: 32, verbose: 0, seed: 32 });
    const err = mse(model, test.x, test.y);
    console.log(
      `${c.name} forecaster: test MSE ${err.toFixed(4)} vs persistence ${test.persistence.toFixed(4)} (training ${((performance.now() - start) / 1000).toFixed(1)} s)`,
    );
    expect(err).toBeLessThan(0.5 * test.persistence);
  });
}
