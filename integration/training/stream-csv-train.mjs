// Trains one epoch with model.fitDataset on a CSV streamed by rf.data.csv and prints what it measured as JSON.
// Run by stream-csv-memory.test.ts under a capped heap: `node --max-old-space-size=32 stream-csv-train.mjs <file>`.
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import * as rf from '../../packages/rectify/dist/index.js';

const peakRssMiB = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

const file = process.argv[2];
const batchSize = 1024;
const model = rf.sequential([
  rf.layers.dense({ units: 8, inputShape: [32], activation: 'relu' }),
  rf.layers.dense({ units: 1, activation: 'sigmoid' }),
]);
model.compile({
  optimizer: rf.optimizers.adam({ learningRate: 0.01 }),
  loss: 'binaryCrossentropy',
  metrics: ['accuracy'],
});
const ds = rf.data
  .csv(file, { columnConfigs: { y: { isLabel: true } } })
  .map(({ xs, ys }) => ({ xs: Object.values(xs), ys: Object.values(ys) }))
  .batch(batchSize)
  .prefetch(2);
let batches = 0;
let rows = 0;
const t0 = performance.now();
const history = await model.fitDataset(ds, {
  epochs: 1,
  verbose: 0,
  callbacks: { onBatchEnd: (_, logs) => void ((batches += 1), (rows += logs.size)) },
});
console.log(
  JSON.stringify({
    rows,
    batches,
    loss: history.history.loss[0],
    accuracy: history.history.accuracy[0],
    seconds: (performance.now() - t0) / 1000,
    peakRssMiB: peakRssMiB(),
    heapLimitMiB: getHeapStatistics().heap_size_limit / 2 ** 20,
    liveTensors: rf.memory().numTensors,
  }),
);
