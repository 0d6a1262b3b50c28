// `pnpm bench wasm`: the wasm backend (@rectify/backend-wasm) side by side with TensorFlow.js 4.22 (its cpu and wasm
// backends) in one run — matmul GFLOPS for every transpose, elementwise activations, and MLP and CNN training steps.
// Training runs each framework in a child process of this file (`node wasm.mjs --child <task> <framework>`), so
// every peak-RSS figure is that framework's alone. Benchmarks only: nothing here is a test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageEntry } from '../lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const pkg = packageEntry;

async function loadRectify() {
  const rt = await import(pkg('tensor').href);
  const wasm = await import(pkg('backend-wasm').href);
  const ag = await import(pkg('autograd').href);
  const act = existsSync(fileURLToPath(pkg('activations'))) ? await import(pkg('activations').href) : null;
  const umbrella = existsSync(fileURLToPath(pkg('rectify')))
    ? await import(pkg('rectify').href).catch(() => null)
    : null;
  return { rt, wasm, ag, act, adam: umbrella?.optimizers?.adam ?? null };
}

/** TensorFlow.js with its wasm backend's binaries found next to its package; tfjs' "install tfjs-node" hint muted. */
async function loadTf(backend) {
  const { log, warn } = console;
  console.log = console.warn = () => undefined;
  try {
    const tf = await import('@tensorflow/tfjs');
    const tfWasm = await import('@tensorflow/tfjs-backend-wasm');
    const dir = createRequire(import.meta.url)
      .resolve('@tensorflow/tfjs-backend-wasm')
      .replace(/[^/]+$/, '');
    tfWasm.setWasmPaths(dir);
    await tf.setBackend(backend);
    await tf.ready();
    tf.tidy(() => tf.add(tf.scalar(1), 1));
    return tf;
  } finally {
    Object.assign(console, { log, warn });
  }
}

function peakRssMiB() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** The clock os.cpus() reports, or /proc/cpuinfo's where that is 0 (virtual machines); null if neither knows. */
function clockGHz() {
  const mhz = os.cpus()[0]?.speed;
  if (mhz) return mhz / 1000;
  try {
    const m = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? Number(m[1]) / 1000 : null;
  } catch {
    return null;
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// ---------------------------------------------------------------------------------------------------------------
// Training steps (child processes).

const MLP = { batch: 128, sizes: [784, 256, 128, 10], warmup: 8, steps: 40 };
const CNN = { batch: 64, warmup: 3, steps: 12 };

/** One Adam step in the optimizer's (Keras) form, written with tensor ops, for when rectify's umbrella is absent. */
function handAdam(rt, params, lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-7) {
  const slots = params.map((p) => [rt.keep(rt.zerosLike(p)), rt.keep(rt.zerosLike(p))]);
  let t = 0;
  return (grads) => {
    t++;
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    params.forEach((p, i) => {
      const g = grads[p.name];
      const [m0, v0] = slots[i];
      const m = rt.keep(rt.add(m0, rt.mul(rt.sub(g, m0), 1 - b1)));
      const v = rt.keep(rt.add(v0, rt.mul(rt.sub(rt.square(g), v0), 1 - b2)));
      rt.dispose([m0, v0]);
      slots[i] = [m, v];
      p.assign(rt.sub(p, rt.div(rt.mul(m, alpha), rt.add(rt.sqrt(v), eps))));
    });
  };
}

async function rectifyStep(task, threads) {
  const { rt, wasm, ag, act, adam } = await loadRectify();
  rt.setBackend('wasm');
  wasm.setWasmThreads(threads);
  await wasm.getWasmBackend().threadsReady();
  const relu =
    act?.reluFn ?? rt.unaryFn({ name: 'relu', f: (x) => (x + Math.abs(x)) * 0.5, df: (x) => (x > 0 ? 1 : 0) });
  const params = [];
  const weight = (shape, fanIn, name) =>
    params.push(ag.variable(rt.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', params.length + 1), true, name));
  const bias = (n, name) => params.push(ag.variable(rt.zeros([n]), true, name));
  let x;
  let forward;
  const { batch } = task === 'mlp' ? MLP : CNN;
  if (task === 'mlp') {
    const s = MLP.sizes;
    for (let i = 0; i < 3; i++) {
      weight([s[i], s[i + 1]], s[i], `w${i}`);
      bias(s[i + 1], `b${i}`);
    }
    x = rt.randomNormal([batch, 784], 0, 1, 'float32', 100);
    forward = (h) => {
      for (let i = 0; i < 3; i++) {
        h = rt.add(rt.matmul(h, params[2 * i]), params[2 * i + 1]);
        if (i < 2) h = rt.mapUnary(h, relu);
      }
      return h;
    };
  } else {
    weight([5, 5, 1, 16], 25, 'c1');
    bias(16, 'cb1');
    weight([5, 5, 16, 32], 400, 'c2');
    bias(32, 'cb2');
    weight([7 * 7 * 32, 10], 1568, 'w');
    bias(10, 'b');
    x = rt.randomNormal([batch, 28, 28, 1], 0, 1, 'float32', 100);
    forward = (h) => {
      h = rt.maxPool(rt.mapUnary(rt.add(rt.conv2d(h, params[0], 1, 'same'), params[1]), relu), 2, 2, 'valid');
      h = rt.maxPool(rt.mapUnary(rt.add(rt.conv2d(h, params[2], 1, 'same'), params[3]), relu), 2, 2, 'valid');
      return rt.add(rt.matmul(rt.reshape(h, [batch, 7 * 7 * 32]), params[4]), params[5]);
    };
  }
  const labels = rt.oneHot(rt.randomUniform([batch], 0, 10, 'int32', 101), 10);
  const loss = () => rt.neg(rt.mean(rt.sum(rt.mul(labels, rt.logSoftmax(forward(x))), -1)));
  const opt = adam ? adam({ learningRate: 1e-3 }) : null;
  const update = opt ? null : handAdam(rt, params);
  const step = () =>
    rt.tidy(() => {
      if (opt) return opt.minimize(loss, true, params).dataSync()[0];
      const { value, grads } = ag.variableGrads(loss, params);
      update(grads);
      return value.dataSync()[0];
    });
  return { step, batch, optimizer: opt ? 'rectify optimizers.adam' : 'hand-written Adam' };
}

/**
 * conv2d ('same', stride 1) that tfjs-backend-wasm 4.22 can differentiate: it registers no Conv2DBackpropFilter, so
 * the filter gradient runs its 3-D twin (Conv3DBackpropFilterV2) on a depth-1 view; the input gradient and the
 * forward pass are its own 2-D kernels.
 */
function wasmConv2d(tf) {
  return tf.customGrad((x, w, save) => {
    save([x, w]);
    return {
      value: tf.conv2d(x, w, 1, 'same'),
      gradFunc: (dy, [xs, ws]) => [
        tf.conv2dTranspose(dy, ws, xs.shape, 1, 'same'),
        tf.reshape(
          tf
            .engine()
            .runKernel(
              'Conv3DBackpropFilterV2',
              { x: tf.expandDims(xs, 1), dy: tf.expandDims(dy, 1) },
              { strides: [1, 1, 1], pad: 'same', filterShape: [1, ...ws.shape] },
            ),
          ws.shape,
        ),
      ],
    };
  });
}

async function tfStep(task, backend) {
  const tf = await loadTf(backend);
  const { batch } = task === 'mlp' ? MLP : CNN;
  const vars = [];
  const weight = (shape, fanIn) =>
    vars.push(tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', vars.length + 1)));
  const bias = (n) => vars.push(tf.variable(tf.zeros([n])));
  let x;
  let forward;
  if (task === 'mlp') {
    const s = MLP.sizes;
    for (let i = 0; i < 3; i++) {
      weight([s[i], s[i + 1]], s[i]);
      bias(s[i + 1]);
    }
    x = tf.randomNormal([batch, 784], 0, 1, 'float32', 100);
    forward = (h) => {
      for (let i = 0; i < 3; i++) {
        h = tf.add(tf.matMul(h, vars[2 * i]), vars[2 * i + 1]);
        if (i < 2) h = tf.relu(h);
      }
      return h;
    };
  } else {
    weight([5, 5, 1, 16], 25);
    bias(16);
    weight([5, 5, 16, 32], 400);
    bias(32);
    weight([7 * 7 * 32, 10], 1568);
    bias(10);
    x = tf.randomNormal([batch, 28, 28, 1], 0, 1, 'float32', 100);
    const conv = backend === 'wasm' ? wasmConv2d(tf) : (h, w) => tf.conv2d(h, w, 1, 'same');
    forward = (h) => {
      h = tf.maxPool(tf.relu(tf.add(conv(h, vars[0]), vars[1])), 2, 2, 'valid');
      h = tf.maxPool(tf.relu(tf.add(conv(h, vars[2]), vars[3])), 2, 2, 'valid');
      return tf.add(tf.matMul(tf.reshape(h, [batch, 7 * 7 * 32]), vars[4]), vars[5]);
    };
  }
  const labels = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 101), 10);
  const opt = tf.train.adam(1e-3);
  const loss = () => tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(forward(x))), -1)));
  const step = () => {
    const l = opt.minimize(loss, true, vars);
    const v = l.dataSync()[0];
    l.dispose();
    return v;
  };
  return { step, batch, optimizer: 'tf.train.adam' };
}

async function child(task, framework) {
  const [lib, arg] = framework.split(':');
  const { step, batch, optimizer } = lib === 'rectify' ? await rectifyStep(task, Number(arg)) : await tfStep(task, arg);
  // TensorFlow.js-cpu takes ~20 s per CNN step: a couple of steps are enough to place it.
  const slow = task === 'cnn' && framework === 'tfjs:cpu';
  const { warmup, steps } = slow ? { warmup: 1, steps: 2 } : task === 'mlp' ? MLP : CNN;
  for (let i = 0; i < warmup; i++) step();
  const times = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  const ms = median(times);
  console.log(JSON.stringify({ ms, samplesPerSec: (batch * 1000) / ms, peakRssMiB: peakRssMiB(), optimizer }));
}

function runChild(task, framework) {
  const r = spawnSync(process.execPath, [SELF, '--child', task, framework], { encoding: 'utf8', timeout: 600_000 });
  const line = r.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// In-process measurements.

/** timeit for fast calls; a single timed call after one warm-up for calls that take over half a second. */
async function measure(timeit, fn, opts = {}) {
  const t0 = performance.now();
  await fn();
  if (performance.now() - t0 > 500) {
    const t1 = performance.now();
    await fn();
    return performance.now() - t1;
  }
  return timeit(fn, { warmup: 2, minMs: 400, ...opts });
}

const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(r >= 10 ? 0 : 1)}×` : '—');

export default async function wasmSuite({ timeit, printTable }) {
  const { rt, wasm, act } = await loadRectify();
  rt.setBackend('wasm');
  const backend = rt.backend();
  await wasm.getWasmBackend().threadsReady();
  const threads = backend.info.threads;
  const cpus = os.cpus();
  const ghz = clockGHz();
  const simdPeak = ghz ? threads * ghz * 16 : NaN;
  console.log(`\n## wasm backend vs TensorFlow.js 4.22\n`);
  console.log(
    `Machine: ${cpus[0]?.model} × ${cpus.length} cores at ${ghz ? `${ghz.toFixed(2)} GHz` : 'an unknown clock'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `Rectify wasm: ${backend.info.simd}, ${threads} threads (${backend.info.threadsRunning} running), shared memory ${backend.info.sharedMemory}`,
  );
  if (ghz) {
    console.log(
      `Peak fp32 on ${threads} cores at that clock: WebAssembly SIMD128 ${simdPeak.toFixed(0)} GFLOPS (2 FMA × 4 lanes × 2 flop per cycle per core), AVX2 ${(2 * simdPeak).toFixed(0)}; boost clocks can exceed it.`,
    );
  }
  const tfw = await loadTf('wasm');
  const tf = tfw;

  // Matmul: square N=1024 and the MLP's forward/backward shapes, every transpose.
  const cases = [
    ['1024 A·B', [1024, 1024], [1024, 1024], false, false],
    ['1024 Aᵀ·B', [1024, 1024], [1024, 1024], true, false],
    ['1024 A·Bᵀ', [1024, 1024], [1024, 1024], false, true],
    ['1024 Aᵀ·Bᵀ', [1024, 1024], [1024, 1024], true, true],
    ['x·W1 [128,784]·[784,256]', [128, 784], [784, 256], false, false],
    ['xᵀ·dy [128,784]ᵀ·[128,256]', [128, 784], [128, 256], true, false],
    ['dy·W1ᵀ [128,256]·[784,256]ᵀ', [128, 256], [784, 256], false, true],
    ['h·W3 [128,128]·[128,10]', [128, 128], [128, 10], false, false],
    ['h2ᵀ·dy [128,128]ᵀ·[128,10]', [128, 128], [128, 10], true, false],
  ];
  const rows = [];
  for (const [label, sa, sb, ta, tb] of cases) {
    const M = ta ? sa[1] : sa[0];
    const K = ta ? sa[0] : sa[1];
    const N = tb ? sb[0] : sb[1];
    const gflops = (ms) => (2 * M * N * K) / (ms * 1e6);
    const a = rt.randomNormal(sa, 0, 1, 'float32', 1);
    const b = rt.randomNormal(sb, 0, 1, 'float32', 2);
    wasm.setWasmThreads(threads);
    const rMs = await measure(timeit, () => rt.matmul(a, b, ta, tb).dispose());
    wasm.setWasmThreads(1);
    const r1Ms = await measure(timeit, () => rt.matmul(a, b, ta, tb).dispose());
    wasm.setWasmThreads(threads);
    const ta_ = tf.randomNormal(sa);
    const tb_ = tf.randomNormal(sb);
    const tMs = await measure(timeit, () => tf.matMul(ta_, tb_, ta, tb).dispose());
    tf.dispose([ta_, tb_]);
    rt.dispose([a, b]);
    const ofPeak = Number.isFinite(simdPeak) ? `${((100 * gflops(rMs)) / simdPeak).toFixed(0)}%` : '—';
    rows.push([label, gflops(rMs), gflops(r1Ms), gflops(tMs), fmtRatio(tMs / rMs), ofPeak]);
  }
  printTable(
    `Matmul GFLOPS (median): rectify wasm on ${threads} threads and on 1, TensorFlow.js-wasm`,
    ['product', `rectify ${threads}T`, 'rectify 1T', 'tfjs-wasm', 'ratio', 'of SIMD peak'],
    rows,
  );

  // Elementwise: every activation, forward and forward + backward, on 1M floats.
  const n = 1 << 20;
  const xr = rt.randomNormal([n], 0, 2, 'float32', 3);
  const dyr = rt.randomNormal([n], 0, 1, 'float32', 4);
  const xt = tf.randomNormal([n], 0, 2);
  const dyt = tf.randomNormal([n], 0, 1);
  const tfOps = {
    relu: tf.relu,
    relu6: tf.relu6,
    leakyRelu: (x) => tf.leakyRelu(x, 0.01),
    elu: tf.elu,
    selu: tf.selu,
    sigmoid: tf.sigmoid,
    tanh: tf.tanh,
    softplus: tf.softplus,
  };
  const params = { leakyRelu: 0.01, elu: 1, celu: 1, swish: 1 };
  const fns = act
    ? Object.entries(act)
        .filter(([k, v]) => k.endsWith('Fn') && rt.isUnaryFn(v))
        .map(([, v]) => v)
    : [rt.mathFns.sigmoidFn, rt.mathFns.tanhFn, rt.mathFns.softplusFn, rt.mathFns.expFn];
  const mps = (ms) => n / (ms * 1e3);
  const erows = [];
  for (const fn of fns) {
    const a = params[fn.name] ?? 0;
    const fwd = await measure(timeit, () => rt.mapUnary(xr, fn, a).dispose());
    const bwd = await measure(timeit, () => rt.mapUnaryGrad(xr, dyr, fn, a).dispose());
    const op = tfOps[fn.name];
    let tFwd = NaN;
    let tBoth = NaN;
    if (op) {
      tFwd = await measure(timeit, () => op(xt).dispose());
      const g = tf.grad(op);
      tBoth = await measure(timeit, () => g(xt, dyt).dispose());
    }
    const simd = backend.vectorized(fn, a).forward ? 'SIMD' : 'JS loop';
    erows.push([
      `${fn.name} (${simd})`,
      mps(fwd),
      op ? mps(tFwd) : '—',
      fmtRatio(tFwd / fwd),
      mps(fwd + bwd),
      op ? mps(tBoth) : '—',
      fmtRatio(tBoth / (fwd + bwd)),
    ]);
  }
  printTable(
    `Activations on 1M floats, million elements/s (median; forward + backward = f then dy·f'; tfjs: tf.grad)`,
    ['activation', 'rectify fwd', 'tfjs-wasm fwd', 'ratio', 'rectify fwd+bwd', 'tfjs-wasm fwd+bwd', 'ratio'],
    erows,
  );
  rt.dispose([xr, dyr]);
  tf.dispose([xt, dyt]);

  // Fused kernels against the composed ops they replace. Adam runs through engine.runFused, as optimizers.adam does.
  const [p, g, m, v] = [5, 6, 7, 8].map((seed) => rt.abs(rt.randomNormal([784, 256], 0, 1, 'float32', seed)));
  const hyper = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 10, weightDecay: 0 };
  const composedAdam = await measure(timeit, () =>
    rt
      .tidy(() => {
        const m1 = rt.add(m, rt.mul(rt.sub(g, m), 0.1));
        const v1 = rt.add(v, rt.mul(rt.sub(rt.square(g), v), 0.001));
        return rt.sub(p, rt.div(rt.mul(m1, 0.01), rt.add(rt.sqrt(v1), 1e-7)));
      })
      .dispose(),
  );
  const fusedAdam = await measure(timeit, () => rt.dispose(rt.engine.runFused('adamUpdate', [p, g, m, v], hyper)));
  const h = rt.randomNormal([128, 256], 0, 1, 'float32', 9);
  const bias = rt.randomNormal([256], 0, 1, 'float32', 10);
  const relu = act?.reluFn ?? rt.mathFns.absFn;
  const composedBias = await measure(timeit, () => rt.tidy(() => rt.mapUnary(rt.add(h, bias), relu)).dispose());
  const fusedBias = await measure(timeit, () => rt.biasActivation(h, bias, relu).dispose());
  // Attention weights of a causal 4-head layer, B=32, T=64: where(mask, s·x, −1e9) then exp(logSoftmax), as
  // attention composed them before, against the maskedSoftmax kernel.
  const scores = rt.randomNormal([32, 4, 64, 64], 0, 1, 'float32', 11);
  const tri = rt.greaterEqual(
    rt.reshape(rt.arange(0, 64, 1, 'int32'), [64, 1]),
    rt.reshape(rt.arange(0, 64, 1, 'int32'), [1, 64]),
  );
  const composedSoftmax = await measure(timeit, () =>
    rt.tidy(() => rt.exp(rt.logSoftmax(rt.where(tri, rt.mul(scores, 0.125), -1e9)))).dispose(),
  );
  const fusedSoftmax = await measure(timeit, () => rt.maskedSoftmax(scores, { scale: 0.125, causal: true }).dispose());
  printTable(
    'Fused kernels: µs per call, median (Adam through engine.runFused, as optimizers.adam runs it; bias + activation through the biasActivation kernel, as dense layers run it; attention weights through maskedSoftmax)',
    ['update', 'composed ops', 'fused', 'saving'],
    [
      ['Adam step, 784×256 parameters', composedAdam * 1e3, fusedAdam * 1e3, fmtRatio(composedAdam / fusedAdam)],
      [`bias + ${relu.name}, [128,256]`, composedBias * 1e3, fusedBias * 1e3, fmtRatio(composedBias / fusedBias)],
      [
        'causal softmax(x/8), [32,4,64,64]',
        composedSoftmax * 1e3,
        fusedSoftmax * 1e3,
        fmtRatio(composedSoftmax / fusedSoftmax),
      ],
    ],
  );
  rt.dispose([p, g, m, v, h, bias, scores, tri]);

  // Training steps, one child process per framework.
  for (const task of ['mlp', 'cnn']) {
    const frameworks = [
      [`rectify wasm ${threads}T`, `rectify:${threads}`],
      ['rectify wasm 1T', 'rectify:1'],
      ['tfjs-wasm', 'tfjs:wasm'],
      ['tfjs-cpu', 'tfjs:cpu'],
    ];
    const results = frameworks.map(([label, fw]) => [label, runChild(task, fw)]);
    const base = results.find(([l]) => l === 'tfjs-wasm')[1];
    const trows = results.map(([label, r]) =>
      r.error
        ? [label, 'error', r.error, '', '', '']
        : [label, r.ms, r.samplesPerSec, fmtRatio(r.samplesPerSec / base.samplesPerSec), r.peakRssMiB, r.optimizer],
    );
    const title =
      task === 'mlp'
        ? `MLP 784-256-128-10 ReLU, Adam, batch ${MLP.batch}: one training step (median of ${MLP.steps})`
        : `CNN conv5×5×16-pool-conv5×5×32-pool-dense10 on 28×28×1, ReLU, Adam, batch ${CNN.batch}: one training step (median of ${CNN.steps})`;
    printTable(title, ['framework', 'ms/step', 'samples/s', 'vs tfjs-wasm', 'peak RSS MiB', 'optimizer'], trows);
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
  process.exit(0);
} else if (process.argv[1] === SELF) {
  // Run directly: `node bench/suites/wasm.mjs`.
  const lib = await import(pathToFileURL(fileURLToPath(new URL('../lib.mjs', import.meta.url))).href);
  await wasmSuite(lib);
}
