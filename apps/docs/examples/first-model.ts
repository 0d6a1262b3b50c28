// Getting started: a first model in ten lines — a small ReLU network learns XOR.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  rf.setSeed(1);
  const x = rf.tensor([
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
  const y = rf.tensor([[0], [1], [1], [0]]);
  const model = rf.sequential([
    rf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: 'heNormal', inputShape: [2] }),
    rf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ]);
  const optimizer = rf.optimizers.adam({ learningRate: 0.05 });
  model.compile({ optimizer, loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(x, y, { epochs: 150, batchSize: 4, verbose: 0, seed: 1 });

  const loss = history.history['loss']!;
  const accuracy = history.history['accuracy']!.at(-1)!;
  ctx.print(`final loss ${loss.at(-1)!.toFixed(4)}, accuracy ${accuracy}`);
  const predictions = Array.from((model.predict(x) as rf.Tensor).dataSync());
  ctx.print('predictions', predictions.map((p) => p.toFixed(2)).join(' '));
  const epochs = loss.map((_, i) => i);
  ctx.plot({ title: 'Training loss', xLabel: 'epoch', series: [{ name: 'loss', x: epochs, y: loss }] });
  return { loss, accuracy };
}
