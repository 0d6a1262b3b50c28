// Data: stream a CSV — the sample, or a file you choose above and Run again — through rf.data.csv into
// model.fitDataset. The file is read in chunks as training goes: never whole, so it may be larger than memory.
// Every column but the last is a numeric feature; the last is the class (any text or numbers).
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

/** 600 points in two rings, labelled inner / outer: a CSV the example makes when no file is chosen. */
function sampleCsv(): File {
  const rows = ['x,y,ring'];
  for (let i = 0; i < 600; i++) {
    const ring = i % 2 === 0 ? 'inner' : 'outer';
    const r = (ring === 'inner' ? 0.5 : 1.5) + 0.25 * Math.sin(i * 7.3);
    const t = i * 2.39996;
    rows.push(`${(r * Math.cos(t)).toFixed(4)},${(r * Math.sin(t)).toFixed(4)},${ring}`);
  }
  return new File([rows.join('\n')], 'rings.csv', { type: 'text/csv' });
}

export async function run(ctx: ExampleContext) {
  const file = await ctx.file({ accept: '.csv,text/csv', label: 'your CSV:', sample: sampleCsv });
  const columns = await rf.data.csv(file).columnNames();
  const label = columns.at(-1)!;
  const rows = rf.data.csv(file, { columnConfigs: { [label]: { isLabel: true, dtype: 'string' } } });

  // One streamed pass to learn the classes; training then reads the file again, epoch by epoch.
  const classes = new Set<string>();
  let count = 0;
  await rows.forEachAsync((row) => {
    classes.add(String((row as { ys: Record<string, string> }).ys[label]));
    count++;
  });
  const names = [...classes].sort();
  ctx.print(`${file.name}: ${count} rows, ${columns.length - 1} features, classes ${names.join(', ')}`);

  const batches = rows
    .map((row) => {
      const { xs, ys } = row as { xs: Record<string, number>; ys: Record<string, string> };
      return { xs: Object.values(xs), ys: names.indexOf(ys[label]!) };
    })
    .shuffle(256, 1)
    .batch(32)
    .map(({ xs, ys }) => ({ xs, ys: rf.cast(ys, 'int32') }))
    .prefetch(2);

  rf.setSeed(1);
  const model = rf.sequential([
    rf.layers.dense({ units: 16, activation: 'relu', inputShape: [columns.length - 1] }),
    rf.layers.dense({ units: names.length, activation: 'softmax' }),
  ]);
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.05 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const history = await model.fitDataset(batches, { epochs: 15, verbose: 0 });

  const { loss, accuracy } = history.history as Record<string, number[]>;
  ctx.plot({
    title: 'Streamed training',
    xLabel: 'epoch',
    series: [{ name: 'loss', x: loss!.map((_, i) => i + 1), y: loss! }],
  });
  ctx.print(
    `streamed ${count} rows per epoch; final loss ${loss!.at(-1)!.toFixed(4)}, accuracy ${accuracy!.at(-1)!.toFixed(3)}`,
  );
  return { count, classes: names, loss: loss!, accuracy: accuracy!.at(-1)! };
}
