import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';

it('XOR: a 2-8-1 network reaches 100% accuracy', async () => {
  rf.layers.resetDefaultNames();
  rf.setSeed(1);
  const x = rf.tensor([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
  const y = rf.tensor([[0], [1], [1], [0]]);
  const model = rf.sequential([
    rf.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
    rf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ]);
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.05 }),
    loss: 'binaryCrossentropy',
    metrics: ['accuracy'],
  });
  const history = await model.fit(x, y, { epochs: 200, batchSize: 4, verbose: 0, seed: 1 });
  expect(history.history['accuracy']!.at(-1)).toBe(1);
  expect(history.history['loss']!.at(-1)).toBeLessThan(0.05);
  const p = Array.from((model.predict(x) as rf.Tensor).dataSync());
  expect(p.map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
});
