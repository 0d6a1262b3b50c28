import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { accuracyOf, twoMoons } from './datasets.js';

it('two moons: a small ReLU network exceeds 97% accuracy on held-out points', async () => {
  rf.layers.resetDefaultNames();
  rf.setSeed(2);
  const train = twoMoons(400, 0.1, 1);
  const test = twoMoons(400, 0.1, 2);
  const model = rf.sequential([
    rf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal', inputShape: [2] }),
    rf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal' }),
    rf.layers.dense({ units: 1 }),
  ]);
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.02 }),
    loss: rf.losses.binaryCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
  });
  await model.fit(train.x, train.y, { epochs: 40, batchSize: 32, verbose: 0, seed: 3 });
  const acc = accuracyOf(model.predict(test.x) as rf.Tensor, test.y, 0);
  expect(acc).toBeGreaterThan(0.97);
  // 'accuracy' with a from-logits binary loss thresholds at 0, so evaluate agrees with the direct count.
  expect(model.evaluate(test.x, test.y, { returnDict: true })['accuracy']).toBeCloseTo(acc, 6);
});
