// One framework's training run for bench/suites/training.mjs, in a process of its own so that peak memory is that
// framework's alone. Usage: node train-mlp.mjs <rectify|tfjs-cpu|tfjs-wasm> [maxSteps] [maxSeconds]
// Prints one JSON line: { framework, backend, steps, msPerStep, samplesPerSec, peakRssMiB, finalLoss } or { error }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { packageEntry } from '../../lib.mjs';

const BATCH = 128;
const BATCHES = 8; // distinct synthetic batches, cycled
const WARMUP = 5;
const [framework = 'rectify', maxStepsArg = '60', maxSecondsArg = '8'] = process.argv.slice(2);
const maxSteps = Number(maxStepsArg);
const maxMs = Number(maxSecondsArg) * 1000;

function peakRssMiB() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** MNIST-shaped synthetic data, the same for every framework: N(0, 1) pixels, labels 0–9. */
function syntheticData() {
  let s = 12345;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const x = new Float32Array(BATCH * BATCHES * 784);
  for (let i = 0; i < x.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const t = 2 * Math.PI * rand();
    x[i] = r * Math.cos(t);
    x[i + 1] = r * Math.sin(t);
  }
  const y = Int32Array.from({ length: BATCH * BATCHES }, () => Math.floor(rand() * 10));
  return { x, y };
}

/** Times `step(i)` (which may be async) after a warm-up; stops at maxSteps or maxMs. */
async function timeSteps(step) {
  for (let i = 0; i < WARMUP; i++) await step(i);
  const times = [];
  const start = performance.now();
  let loss = NaN;
  while (times.length < maxSteps && (times.length < 10 || performance.now() - start < maxMs)) {
    const t0 = performance.now();
    loss = await step(times.length);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { steps: times.length, msPerStep: median, samplesPerSec: (BATCH * 1000) / median, finalLoss: loss };
}

async function rectify({ x, y }) {
  const rf = await import(packageEntry('rectify').href);
  rf.setBackend('cpu');
  rf.setSeed(0);
  const xs = Array.from({ length: BATCHES }, (_, b) =>
    rf.tensor(x.subarray(b * BATCH * 784, (b + 1) * BATCH * 784), [BATCH, 784]),
  );
  const ys = Array.from({ length: BATCHES }, (_, b) =>
    rf.tensor(y.subarray(b * BATCH, (b + 1) * BATCH), [BATCH], 'int32'),
  );
  const model = rf.sequential([
    rf.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
    rf.layers.dense({ units: 128, activation: 'relu' }),
    rf.layers.dense({ units: 10, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: rf.optimizers.adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
  const r = await timeSteps((i) => model.trainOnBatch(xs[i % BATCHES], ys[i % BATCHES]).loss);
  return { backend: rf.backend().name, ...r };
}

async function tfjs({ x, y }, backend) {
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    // In Node the WASM loader reads files by path; a trailing separator makes it a directory prefix.
    wasm.setWasmPaths(`${dist}/`);
  }
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`tf.setBackend('${backend}') returned false`);
  await tf.ready();
  const xs = Array.from({ length: BATCHES }, (_, b) =>
    tf.tensor2d(x.subarray(b * BATCH * 784, (b + 1) * BATCH * 784), [BATCH, 784]),
  );
  const ys = Array.from({ length: BATCHES }, (_, b) =>
    tf.tensor1d(Float32Array.from(y.subarray(b * BATCH, (b + 1) * BATCH))),
  );
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 256, activation: 'relu', inputShape: [784] }),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  const r = await timeSteps(async (i) => {
    const loss = await model.trainOnBatch(xs[i % BATCHES], ys[i % BATCHES]);
    return Array.isArray(loss) ? loss[0] : loss;
  });
  return { backend: tf.getBackend(), ...r };
}

// tfjs greets Node users on stdout; keep stdout for the one JSON line.
const log = console.log;
console.log = (...args) => console.error(...args);
try {
  const data = syntheticData();
  const result =
    framework === 'rectify' ? await rectify(data) : await tfjs(data, framework === 'tfjs-wasm' ? 'wasm' : 'cpu');
  log(JSON.stringify({ framework, ...result, peakRssMiB: peakRssMiB() }));
} catch (err) {
  log(JSON.stringify({ framework, error: String(err?.message ?? err).split('\n')[0] }));
}
