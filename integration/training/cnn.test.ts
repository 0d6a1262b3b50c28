import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { accuracyOf, lineImages } from './datasets.js';

it('a small CNN learns line orientation (4 classes) far above chance', async () => {
  rf.layers.resetDefaultNames();
  rf.setSeed(12);
  const train = lineImages(512, 1);
  const test = lineImages(256, 2);
  const model = rf.sequential([
    rf.layers.conv2d({
      filters: 8,
      kernelSize: 3,
      activation: 'relu',
      padding: 'same',
      kernelInitializer: 'heNormal',
      inputShape: [8, 8, 1],
    }),
    rf.layers.maxPooling2d({ poolSize: 2 }),
    rf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: 'heNormal' }),
    rf.layers.globalAveragePooling2d(),
    rf.layers.dense({ units: 4 }),
  ]);
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.01 }),
    loss: rf.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
  });
  await model.fit(train.x, train.y, { epochs: 8, batchSize: 32, verbose: 0, seed: 13 });
  const acc = accuracyOf(model.predict(test.x) as rf.Tensor, test.y);
  console.log(`cnn test accuracy ${acc}`);
  expect(acc).toBeGreaterThan(0.8); // chance is 0.25
});
