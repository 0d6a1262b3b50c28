// Training: compile and fit a classifier on two interleaved spirals, with early stopping
// and the ActivationMonitor callback.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

/** Two spirals, one per class, from a small seeded generator: the same points every run. */
function spirals(n: number, seed: number) {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const r = 0.2 + 0.8 * rand();
    const t = 2.5 * Math.PI * r + label * Math.PI;
    const jitter = () => 0.03 * (rand() - 0.5);
    xs.push([r * Math.cos(t) + jitter(), r * Math.sin(t) + jitter()]);
    ys.push(label);
  }
  return { x: rf.tensor(xs), y: rf.tensor(ys, [n], 'int32') };
}

export async function run(ctx: ExampleContext) {
  rf.setSeed(4);
  const { x, y } = spirals(200, 11);
  const hidden = (name: string, extra = {}) =>
    rf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal', name, ...extra });
  const model = rf.sequential([
    hidden('hidden1', { inputShape: [2] }),
    hidden('hidden2'),
    rf.layers.dense({ units: 2, activation: 'softmax', name: 'out' }),
  ]);
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.02 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });

  const monitor = new rf.callbacks.ActivationMonitor();
  const early = new rf.callbacks.EarlyStopping({ patience: 10, restoreBestWeights: true });
  const history = await model.fit(x, y, {
    epochs: 60,
    batchSize: 32,
    validationSplit: 0.2,
    seed: 4,
    verbose: 0,
    callbacks: [monitor, early],
  });

  const { loss, val_loss: valLoss } = history.history as Record<string, number[]>;
  const epochs = loss!.map((_, i) => i);
  ctx.plot({
    title: 'Loss',
    xLabel: 'epoch',
    series: [
      { name: 'loss', x: epochs, y: loss! },
      { name: 'val_loss', x: epochs, y: valLoss!, dashed: true },
    ],
  });
  const last = monitor.history.at(-1)!;
  for (const [name, l] of Object.entries(last.layers)) {
    const active = (100 * l.fractionActive).toFixed(0);
    const norm = l.gradNorm.toExponential(2);
    ctx.print(`${name}: ${active}% active, ${l.deadUnits}/${l.units} dead, grad norm ${norm}`);
  }
  const accuracy = model.evaluate(x, y, { returnDict: true })['accuracy']!;
  ctx.print(`trained ${epochs.length} epochs; accuracy on all points ${(100 * accuracy).toFixed(1)}%`);
  return { epochs: epochs.length, loss: loss!, accuracy, monitored: Object.keys(last.layers) };
}
