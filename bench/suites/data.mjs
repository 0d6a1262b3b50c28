// Issue #18: rf.data's map on worker threads. A CPU-heavy preparation step (a 64 × 64 "image" blurred and
// normalised, ~2 ms per element) over 960 elements, on this thread and on 1, 2 and 4 workers. Two workers should
// take about half the time of one where two cores are free; the sequential row is the baseline. Workers start
// with each pass (a fresh Node isolate each: ~30 ms on an idle machine, far more on a loaded one), which the
// start-up row measures on its own: a pass must be long enough to pay for it.
import { availableParallelism } from 'node:os';
import { packageEntry } from '../lib.mjs';

const data = await import(packageEntry('data').href);

/** Self-contained, as { worker: true } requires: everything it uses is inside it. */
function prepare(seed) {
  const n = 64;
  let img = new Float32Array(n * n);
  for (let i = 0; i < img.length; i++) img[i] = Math.sin(seed * 0.37 + i * 0.013) * 0.5 + 0.5;
  for (let pass = 0; pass < 12; pass++) {
    const out = new Float32Array(n * n);
    for (let y = 1; y < n - 1; y++)
      for (let x = 1; x < n - 1; x++) {
        let s = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += img[(y + dy) * n + x + dx];
        out[y * n + x] = s / 9;
      }
    img = out;
  }
  let mean = 0;
  for (const v of img) mean += v;
  mean /= img.length;
  for (let i = 0; i < img.length; i++) img[i] -= mean;
  return { xs: img, ys: seed % 10 };
}

export default async function ({ timeit, printTable }) {
  const elements = 960;
  const source = data.array(Array.from({ length: elements }, (_, i) => i));
  const pass = (ds) => async () => {
    for await (const e of ds) if (e.xs.length !== 4096) throw new Error('bad element');
  };
  const rows = [];
  const base = await timeit(pass(source.map(prepare)), { warmup: 1, minRuns: 3, minMs: 0 });
  rows.push(['this thread (map)', base, elements / (base / 1000), 1]);
  for (const parallel of [1, 2, 4]) {
    const ms = await timeit(pass(source.map(prepare, { parallel, worker: true })), { warmup: 1, minRuns: 3, minMs: 0 });
    rows.push([`{ parallel: ${parallel}, worker: true }`, ms, elements / (ms / 1000), base / ms]);
  }
  const startup = await timeit(pass(source.take(1).map(prepare, { parallel: 2, worker: true })), {
    warmup: 1,
    minRuns: 3,
    minMs: 0,
  });
  rows.push(['start-up: 2 workers, 1 element', startup, '', '']);
  printTable(
    `rf.data map, CPU-heavy preparation (${elements} elements of 64×64, ${availableParallelism()} cores; median of 3 passes, worker start-up included)`,
    ['map', 'ms / pass', 'elements / s', 'speed-up'],
    rows,
  );
}
