// A tiny app as a user would write it for esbuild: the umbrella and the wasm backend by package name, nothing else.
// It trains XOR on the wasm backend and leaves a report on globalThis for the test to read.
import * as rf from '@rectify/rectify';
import '@rectify/backend-wasm';

async function main() {
  const backend = await rf.ready('wasm');
  rf.setSeed(1);
  const model = rf.sequential([rf.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }), rf.layers.dense({ units: 1 })]);
  model.compile({ optimizer: rf.optimizers.adam({ learningRate: 0.05 }), loss: 'mse' });
  const x = rf.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const y = rf.tensor([[0], [1], [1], [0]]);
  const losses = [];
  for (let i = 0; i < 30; i++) losses.push((await model.trainOnBatch(x, y)).loss);
  return { backend: rf.getBackend().name, info: backend.info, losses };
}

main().then(
  (report) => (globalThis.rectifyReport = report),
  (e) => {
    console.error(e);
    globalThis.rectifyReport = { error: String(e?.stack ?? e) };
  },
);
