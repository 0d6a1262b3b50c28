// The WebAssembly SIMD128 multiply-add ceiling of this machine, on 1 thread and on every core at once (worker
// threads running the probe together), so that GEMM can be reported as a share of what this machine allows today
// rather than of a datasheet figure. Benchmarks only.
import { createRequire } from 'node:module';
import os from 'node:os';
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

const workerCode = `
  const { parentPort, workerData } = require('node:worker_threads');
  require('node:v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
  const { madd } = new WebAssembly.Instance(new WebAssembly.Module(workerData.bytes)).exports;
  parentPort.on('message', () => {
    const t0 = performance.now();
    madd(workerData.iters);
    parentPort.postMessage(performance.now() - t0);
  });
`;

const run = (w) =>
  new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage('go');
  });

/**
 * GFLOPS on one thread and on `threads` at once (summed), best of `rounds` each. The workers first run the probe a
 * few times: V8 starts WebAssembly in its baseline compiler and swaps in optimised code only on a later call.
 */
async function measure(bytes, threads, rounds = 3) {
  const workers = Array.from(
    { length: threads },
    () => new Worker(workerCode, { eval: true, workerData: { bytes, iters: ITERS } }),
  );
  try {
    for (let i = 0; i < 3; i++) await Promise.all(workers.map(run));
    const gflops = (ms) => (ITERS * FLOP_PER_ITER) / (ms * 1e6);
    let one = 0;
    let all = 0;
    for (let r = 0; r < rounds; r++) {
      one = Math.max(one, gflops(await run(workers[0])));
      all = Math.max(
        all,
        (await Promise.all(workers.map(run))).reduce((s, ms) => s + gflops(ms), 0),
      );
    }
    return { 1: one, [threads]: all };
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
