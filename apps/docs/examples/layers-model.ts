// Layers: a small convolutional network, its summary, and its predictions.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

export async function run(ctx: ExampleContext) {
  rf.setSeed(2);
  const he = 'heNormal';
  const model = rf.sequential([
    rf.layers.conv2d({
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      padding: 'same',
      kernelInitializer: he,
      inputShape: [8, 8, 1],
    }),
    rf.layers.maxPooling2d({ poolSize: 2 }),
    rf.layers.flatten(),
    rf.layers.dense({ units: 16, activation: 'gelu', kernelInitializer: he }),
    rf.layers.dropout({ rate: 0.1 }),
    rf.layers.dense({ units: 3, activation: 'softmax' }),
  ]);
  let table = '';
  model.summary({ printFn: (text) => (table += text) });
  ctx.print(table);

  const images = rf.randomUniform([2, 8, 8, 1], 0, 1, 'float32', 5);
  const probs = model.predict(images) as rf.Tensor;
  ctx.print('class probabilities', probs);
  const rowSums = Array.from(rf.sum(probs, 1).dataSync());
  return { params: model.countParams(), outputShape: probs.shape, rowSums };
}
