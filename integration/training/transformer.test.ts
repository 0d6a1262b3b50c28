import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { accuracyOf, countingSequences } from './datasets.js';

it('a tiny transformer encoder learns a counting comparison far above chance', async () => {
  rf.layers.resetDefaultNames();
  rf.setSeed(21);
  const len = 8;
  const train = countingSequences(768, len, 1);
  const test = countingSequences(256, len, 2);
  const tokens = rf.input({ shape: [len], dtype: 'int32' });
  const embedded = rf.layers.embedding({ inputDim: 6, outputDim: 16 }).apply(tokens);
  const encoded = rf.layers.transformerEncoder({ numHeads: 2, intermediateDim: 32 }).apply(embedded);
  const logits = rf.layers.dense({ units: 2 }).apply(rf.layers.flatten().apply(encoded));
  const model = rf.model({ inputs: tokens, outputs: logits as rf.SymbolicTensor });
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.005 }),
    loss: rf.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
  });
  await model.fit(train.x, train.y, { epochs: 10, batchSize: 32, verbose: 0, seed: 22 });
  const acc = accuracyOf(model.predict(test.x) as rf.Tensor, test.y);
  console.log(`transformer test accuracy ${acc}`);
  expect(acc).toBeGreaterThan(0.8); // chance is about 0.5
});
