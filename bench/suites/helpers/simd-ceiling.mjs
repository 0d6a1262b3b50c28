// The WebAssembly SIMD128 multiply-add ceiling of this machine, on 1 thread and on every core at once (worker
// threads running the probe together), so that GEMM can be reported as a share of what this machine allows today
// rather than of a datasheet figure. Benchmarks only.
import { createRequire } from 'node:module';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('./simd-ceiling.ts', import.meta.url));
const ITERS = 4_000_000;
const FLOP_PER_ITER = 12 * 4 * 2;

/** Compiles the probe with assemblyscript (a devDependency of @rectify/backend-wasm) in one of its two forms. */
async function compile(relaxed) {
  // Its exports map has only an `import` condition, so resolve the package folder and import the file.
  const require = createRequire(new URL('../../../packages/backend-wasm/package.json', import.meta.url));
  const dir = require.resolve('assemblyscript/package.json').replace(/package\.json$/, '');
  const asc = await import(pathToFileURL(`${dir}dist/asc.js`).href);
  const out = {};
  const { error, stderr } = await asc.main(
    [source, '-O3', '--runtime', 'stub', '--enable', relaxed ? 'simd,relaxed-simd' : 'simd', '--outFile', 'probe.wasm'],
    { writeFile: (name, contents) => (out[name] = contents), stdout: { write() {} }, stderr: { write() {} } },
  );
  if (error) throw new Error(`simd-ceiling: asc failed: ${stderr?.toString?.() ?? error.message}`);
  return out['probe.wasm'];
}

// Each worker waits at a barrier (word 0 of a shared control block reaching the round's number, after word 1 counted
// every worker in), runs the probe, and reports when it started and ended on the shared clock, so the main thread can
// check that the threads really ran at the same time.
const workerCode = `
  const { parentPort, workerData } = require('node:worker_threads');
  require('node:v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
  const { madd } = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes)).exports;
  const ctl = new Int32Array(workerData.ctl);
  parentPort.on('message', (round) => {
    Atomics.add(ctl, 1, 1);
    while (Atomics.load(ctl, 0) < round);
    const t0 = performance.timeOrigin + performance.now();
    madd(workerData.iters);
    parentPort.postMessage([t0, performance.timeOrigin + performance.now()]);
  });
`;

let round = 0;

/** Runs the probe once on every worker at the same moment: [start, end] per worker, on the shared clock. */
async function together(workers, ctl) {
  round++;
  Atomics.store(ctl, 1, 0);
  const spans = Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  for (const w of workers) w.postMessage(round);
  while (Atomics.load(ctl, 1) < workers.length) await sleep(0);
  Atomics.store(ctl, 0, round);
  return spans;
}

/** Share of a round during which every thread was running the probe: 1 when they started and ended together. */
function overlap(spans) {
  const start = Math.max(...spans.map((s) => s[0]));
  const end = Math.min(...spans.map((s) => s[1]));
  const wall = Math.max(...spans.map((s) => s[1])) - Math.min(...spans.map((s) => s[0]));
  return Math.max(0, end - start) / wall;
}

/** A round counts for the all-threads ceiling only when the threads overlapped this much. */
const MIN_OVERLAP = 0.9;

/**
 * GFLOPS on one thread and on `threads` at once, best of `rounds` each. The all-threads figure is the total work over
 * the wall time from the first start to the last end, and only rounds where every thread was busy together for
 * MIN_OVERLAP of that time count (on a loaded machine one thread may run while another waits for a core, which
 * summed per-thread rates would hide). `verifiedRounds` says how many counted. The workers first run the probe a
 * few times: V8 starts WebAssembly in its baseline compiler and swaps in optimised code only on a later call.
 */
async function measure(bytes, threads, rounds = 9) {
  const ctl = new Int32Array(new SharedArrayBuffer(8));
  const workers = Array.from(
    { length: threads },
    () => new Worker(workerCode, { eval: true, workerData: { bytes, iters: ITERS, ctl: ctl.buffer } }),
  );
  try {
    for (let i = 0; i < 3; i++) await together(workers, ctl);
    const gflops = (ms, n = 1) => (n * ITERS * FLOP_PER_ITER) / (ms * 1e6);
    let one = 0;
    let all = 0;
    let verifiedRounds = 0;
    for (let r = 0; r < rounds; r++) {
      const [solo] = await together(workers.slice(0, 1), ctl);
      one = Math.max(one, gflops(solo[1] - solo[0]));
      const spans = await together(workers, ctl);
      if (overlap(spans) < MIN_OVERLAP) continue;
      verifiedRounds++;
      const wall = Math.max(...spans.map((s) => s[1])) - Math.min(...spans.map((s) => s[0]));
      all = Math.max(all, gflops(wall, threads));
    }
    return { 1: one, [threads]: verifiedRounds > 0 ? all : null, verifiedRounds, rounds };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * { relaxed: {1: GFLOPS, n: GFLOPS}, plain: {...}, threads: n }: the ceiling with fused relaxed multiply-add and with
 * plain SIMD128 mul + add, on one thread and on all `threads` cores at once.
 */
export async function simdCeiling(threads = os.cpus().length) {
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  const result = { threads };
  for (const [name, relaxed] of [
    ['relaxed', true],
    ['plain', false],
  ]) {
    let bytes;
    try {
      bytes = await compile(relaxed);
      new WebAssembly.Module(bytes);
    } catch (err) {
      result[name] = { error: String(err.message ?? err).split('\n')[0] };
      continue;
    }
    result[name] = await measure(bytes, threads);
  }
  return result;
}
