// `pnpm bench cli`: one epoch of the MNIST MLP (784-256-128-10, ReLU, Adam, batch 128) on the 8,000 training images,
// through the `rectify` CLI on the CPU (pure TypeScript) and WASM backends, next to the same training written with TensorFlow.js (its cpu and
// wasm backends) — each in its own process, so that samples/s and peak memory are that run's alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'apps/cli/dist/bin.js');
const registry = join(root, 'apps/cli/dist/datasets/registry.js');

/** Runs node with `args`; returns stdout, or throws with stderr. */
function node(args, options = {}) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, ...options });
  if (r.status !== 0)
    throw new Error(
      `exited ${r.status}: ${r.stderr
        .trim()
        .split('\n')
        .filter((l) => !/^\s+at /.test(l))
        .pop()}`,
    );
  return r.stdout;
}

function rectifyEpoch(backend) {
  const out = mkdtempSync(join(tmpdir(), 'rectify-bench-'));
  try {
    const stdout = node([
      bin,
      'train',
      '--dataset',
      'mnist',
      '--model',
      'mlp',
      '--hidden',
      '256,128',
      '--activation',
      'relu',
      '--optimizer',
      'adam',
      '--lr',
      '0.001',
      '--batch-size',
      '128',
      '--epochs',
      '1',
      '--validation-split',
      '0',
      '--backend',
      backend,
      '--seed',
      '1',
      '--json',
      '--out',
      join(out, 'run'),
    ]);
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const epoch = events.find((e) => e.event === 'epoch');
    const done = events.find((e) => e.event === 'done');
    return { samplesPerSecond: epoch.samples_per_second, peak: done.peak_rss_mib, accuracy: done.test.accuracy };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The same model and data in TensorFlow.js; only `fit` is timed, as the CLI times only its training steps. */
const tfjsScript = (backend) => `
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
const tf = require('@tensorflow/tfjs');
${backend === 'wasm' ? "require('@tensorflow/tfjs-backend-wasm');" : ''}
const { loadDataset } = await import(${JSON.stringify(registry)});
await tf.setBackend(${JSON.stringify(backend)});
await tf.ready();
const data = loadDataset('mnist', {});
const x = tf.tensor2d(data.train.x, [data.train.n, 784]);
const y = tf.tensor1d(data.train.y); // tfjs wants float labels for sparseCategoricalCrossentropy
const model = tf.sequential({ layers: [
  tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu', kernelInitializer: 'heNormal' }),
  tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heNormal' }),
  tf.layers.dense({ units: 10, activation: 'softmax' }),
] });
model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const t0 = performance.now();
await model.fit(x, y, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0 });
const seconds = (performance.now() - t0) / 1000;
const xt = tf.tensor2d(data.test.x, [data.test.n, 784]);
const yt = tf.tensor1d(data.test.y);
const accuracy = (await model.evaluate(xt, yt).at(1).data())[0];
const peak = Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
console.log(JSON.stringify({ samplesPerSecond: data.train.n / seconds, peak, accuracy }));
`;

function tfjsEpoch(backend) {
  return JSON.parse(
    node(['--input-type=module', '-e', tfjsScript(backend)])
      .trim()
      .split('\n')
      .pop(),
  );
}

export default async function ({ printTable, machine }) {
  if (!existsSync(bin)) throw new Error(`cli bench: ${bin} is missing; run pnpm build first`);
  const runs = [
    ['rectify train (CLI, cpu backend)', () => rectifyEpoch('cpu')],
    ['rectify train (CLI, wasm backend)', () => rectifyEpoch('wasm')],
    ['@tensorflow/tfjs, cpu backend', () => tfjsEpoch('cpu')],
    ['@tensorflow/tfjs, wasm backend', () => tfjsEpoch('wasm')],
  ];
  const rows = [];
  for (const [name, run] of runs) {
    try {
      const r = run();
      rows.push([name, r.samplesPerSecond, r.peak, r.accuracy]);
    } catch (error) {
      rows.push([name, 'failed', String(error.message).slice(0, 60), '']);
    }
  }
  printTable(
    `MNIST MLP 784-256-128-10, one epoch of 8,000 images, batch 128 (${machine()})`,
    ['run', 'samples/s', 'peak RSS MiB', 'test accuracy after 1 epoch'],
    rows,
  );
}
