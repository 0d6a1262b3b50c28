import { expect, it } from 'vitest';
import * as rf from '@rectify/rectify';

it('linear regression recovers its coefficients and intercept', async () => {
  rf.layers.resetDefaultNames();
  rf.setSeed(4);
  const n = 256;
  const x = rf.randomNormal([n, 3], 0, 1, 'float32', 10);
  const trueW = [1.5, -2, 0.25];
  const noise = rf.randomNormal([n, 1], 0, 0.01, 'float32', 11);
  const y = rf.add(rf.add(rf.matmul(x, rf.tensor(trueW, [3, 1])), 0.7), noise);
  const model = rf.sequential([rf.layers.dense({ units: 1, inputShape: [3] })]);
  model.compile({ optimizer: rf.optimizers.sgd({ learningRate: 0.1, momentum: 0.5 }), loss: 'mse' });
  await model.fit(x, y, { epochs: 30, batchSize: 32, verbose: 0, seed: 5 });
  const [w, b] = model.getWeights().map((t) => Array.from(t.dataSync()));
  w!.forEach((v, i) => expect(v).toBeCloseTo(trueW[i]!, 2));
  expect(b![0]).toBeCloseTo(0.7, 2);
});
