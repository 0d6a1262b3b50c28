// What both tiny apps do: train XOR for 30 steps on backend `name` and leave a report on globalThis for the test.
import * as rf from '@rectify/rectify';

export async function trainXor(name) {
  try {
    const backend = await rf.ready(name);
    rf.setSeed(1);
    const model = rf.sequential([
      rf.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
      rf.layers.dense({ units: 1 }),
    ]);
    model.compile({ optimizer: rf.optimizers.adam({ learningRate: 0.05 }), loss: 'mse' });
    const x = rf.tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = rf.tensor([[0], [1], [1], [0]]);
    const losses = [];
    for (let i = 0; i < 30; i++) losses.push((await model.trainOnBatch(x, y)).loss);
    globalThis.rectifyReport = {
      backend: rf.getBackend(),
      info: backend.info,
      losses,
      cores: globalThis.navigator.hardwareConcurrency,
    };
  } catch (e) {
    console.error(e);
    globalThis.rectifyReport = { error: String(e?.stack ?? e) };
  }
}
