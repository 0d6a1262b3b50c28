// One framework's training throughput through its public API, as users run it: `model.fit` for the MLP and
// `model.trainOnBatch` for the CNN. Run as a child process by bench/suites/peers.mjs:
//   node train-public-api.mjs <mlp|cnn|lstm> <rectify-wasm|tfjs-wasm> <steps>
// and prints one JSON line { ms, samplesPerSec, peakRssMiB, backend }. Benchmarks only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { packageEntry } from '../../lib.mjs';

const [task, framework, stepsArg = '30'] = process.argv.slice(2);
const STEPS = Number(stepsArg);
const MLP = { batch: 128, batches: 40 };
const CNN = { batch: 64 };
const LSTM = { batch: 32, steps: 64, features: 32, units: 128 };

const peakRssMiB = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function loadRectify() {
  const rf = await import(packageEntry('rectify').href);
  await import(packageEntry('backend-wasm').href);
  rf.setBackend('wasm');
  await rf.ready?.();
  return rf;
}

async function loadTfjs() {
  const log = console.log;
  console.log = () => undefined; // tfjs greets Node users on stdout
  const tf = await import('@tensorflow/tfjs');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  console.log = log;
  return tf;
}

/** The same models in either library: both follow the Keras layers API. */
function buildModel(lib, kind) {
  const L = lib.layers;
  const layers =
    kind === 'lstm'
      ? [
          // Sigmoid gates on both sides (tfjs defaults to hard sigmoid); PyTorch's LSTM has sigmoid gates.
          L.lstm({ units: LSTM.units, recurrentActivation: 'sigmoid', inputShape: [LSTM.steps, LSTM.features] }),
          L.dense({ units: 10, activation: 'softmax' }),
        ]
      : kind === 'mlp'
        ? [
            L.dense({ units: 256, activation: 'relu', inputShape: [784] }),
            L.dense({ units: 128, activation: 'relu' }),
            L.dense({ units: 10, activation: 'softmax' }),
          ]
        : [
            L.conv2d({ filters: 16, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
            L.maxPooling2d({ poolSize: 2 }),
            L.conv2d({ filters: 32, kernelSize: 5, padding: 'same', activation: 'relu' }),
            L.maxPooling2d({ poolSize: 2 }),
            L.flatten(),
            L.dense({ units: 10, activation: 'softmax' }),
          ];
  const model = lib.sequential({ layers });
  const optimizer = framework === 'tfjs-wasm' ? lib.train.adam(1e-3) : lib.optimizers.adam({ learningRate: 1e-3 });
  model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  return model;
}

async function mlp(lib) {
  const n = MLP.batch * MLP.batches;
  const x = lib.randomNormal([n, 784]);
  const y = lib.tensor(
    Float32Array.from({ length: n }, (_, i) => (i * 7) % 10),
    [n],
  );
  const model = buildModel(lib, 'mlp');
  await model.fit(x, y, { epochs: 1, batchSize: MLP.batch, verbose: 0 }); // warm-up: kernels compiled, JIT warm
  // Per-epoch time over several epochs: fit is what users call, so its own overhead (shuffling, logs) counts.
  const epochs = Math.max(2, Math.round(STEPS / MLP.batches));
  const times = [];
  for (let e = 0; e < epochs; e++) {
    const t0 = performance.now();
    await model.fit(x, y, { epochs: 1, batchSize: MLP.batch, verbose: 0 });
    times.push((performance.now() - t0) / MLP.batches);
  }
  return { ms: median(times), batch: MLP.batch };
}

async function cnn(lib) {
  const x = lib.randomNormal([CNN.batch, 28, 28, 1]);
  const y = lib.tensor(
    Float32Array.from({ length: CNN.batch }, (_, i) => i % 10),
    [CNN.batch],
  );
  const model = buildModel(lib, 'cnn');
  for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
  const times = [];
  for (let i = 0; i < STEPS; i++) {
    const t0 = performance.now();
    await model.trainOnBatch(x, y);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), batch: CNN.batch };
}

async function lstm(lib) {
  const x = lib.randomNormal([LSTM.batch, LSTM.steps, LSTM.features]);
  const y = lib.tensor(
    Float32Array.from({ length: LSTM.batch }, (_, i) => i % 10),
    [LSTM.batch],
  );
  const model = buildModel(lib, 'lstm');
  for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
  const times = [];
  for (let i = 0; i < STEPS; i++) {
    const t0 = performance.now();
    await model.trainOnBatch(x, y);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), batch: LSTM.batch };
}

const TASKS = { mlp, cnn, lstm };
const out = console.log;
try {
  const lib = framework === 'tfjs-wasm' ? await loadTfjs() : await loadRectify();
  const { ms, batch } = await TASKS[task](lib);
  const info = framework === 'tfjs-wasm' ? null : lib.backend().info;
  const backend = info ? `wasm ${info.threads}T` : 'wasm';
  out(JSON.stringify({ ms, samplesPerSec: (batch * 1000) / ms, peakRssMiB: peakRssMiB(), backend }));
} catch (err) {
  out(JSON.stringify({ error: String(err?.message ?? err).split('\n')[0] }));
}
process.exit(0);
