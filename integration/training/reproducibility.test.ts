import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { twoMoons } from './datasets.js';

it('the same seed gives the same weights and the same loss curve, twice in a row', async () => {
  const run = async () => {
    rf.layers.resetDefaultNames();
    rf.setSeed(42);
    const { x, y } = twoMoons(128, 0.2, 5);
    const model = rf.sequential([
      rf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal', inputShape: [2] }),
      rf.layers.dropout({ rate: 0.3 }),
      rf.layers.dense({ units: 1 }),
    ]);
    model.compile({ optimizer: 'adam', loss: rf.losses.binaryCrossentropy({ fromLogits: true }) });
    const history = await model.fit(x, y, { epochs: 5, batchSize: 16, validationSplit: 0.25, verbose: 0, seed: 7 });
    return { history: history.history, weights: model.getWeights().map((w) => Array.from(w.dataSync())) };
  };
  const a = await run();
  const b = await run();
  expect(b.history).toEqual(a.history);
  expect(b.weights).toEqual(a.weights);
  expect(a.history['loss']!.at(-1)).toBeLessThan(a.history['loss']![0]!);
});
