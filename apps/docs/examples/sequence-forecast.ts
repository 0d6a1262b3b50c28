// Sequences: forecast the next value of a noisy periodic signal with a causal Conv1D and a GRU, and compare with
// the persistence forecast ("the next value is the last one").
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

/** A sum of two sines with a little seeded noise: the same series every run. */
function series(length: number, seed: number): number[] {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from(
    { length },
    (_, t) => Math.sin((2 * Math.PI * t) / 20) + 0.5 * Math.sin((2 * Math.PI * t) / 7.3) + 0.05 * (rand() - 0.5),
  );
}

/** Every window of `steps` values ([n, steps, 1]) and the value that follows each ([n, 1]). */
function windows(values: number[], steps: number) {
  const xs: number[][][] = [];
  const ys: number[][] = [];
  for (let i = 0; i + steps < values.length; i++) {
    xs.push(values.slice(i, i + steps).map((v) => [v]));
    ys.push([values[i + steps]!]);
  }
  return { x: rf.tensor(xs), y: rf.tensor(ys) };
}

const meanSquare = (a: number[], b: number[]) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length;

export async function run(ctx: ExampleContext) {
  rf.setSeed(3);
  const steps = 12;
  const values = series(330, 5);
  // The first 250 points train; the windows whose targets lie in the last 80 test.
  const train = windows(values.slice(0, 250), steps);
  const test = windows(values.slice(250 - steps), steps);

  const model = rf.sequential([
    rf.layers.conv1d({ filters: 8, kernelSize: 3, padding: 'causal', activation: 'relu', inputShape: [steps, 1] }),
    rf.layers.gru({ units: 8 }),
    rf.layers.dense({ units: 1 }),
  ]);
  model.compile({ optimizer: rf.optimizers.adam({ learningRate: 0.02 }), loss: 'meanSquaredError' });
  const history = await model.fit(train.x, train.y, { epochs: 8, batchSize: 32, seed: 3, verbose: 0 });

  const truth = Array.from(test.y.dataSync());
  const predicted = Array.from((model.predict(test.x) as rf.Tensor).dataSync());
  // Persistence: the last value of each window.
  const last = rf.slice(test.x, [0, steps - 1, 0], [-1, 1, 1]);
  const persistence = Array.from(last.dataSync());
  const modelMse = meanSquare(predicted, truth);
  const persistenceMse = meanSquare(persistence, truth);
  ctx.print(`test MSE: GRU ${modelMse.toFixed(4)}, persistence ${persistenceMse.toFixed(4)}`);

  const t = truth.map((_, i) => i);
  ctx.plot({
    title: 'Next-value forecasts on the test windows',
    xLabel: 'window',
    series: [
      { name: 'truth', x: t, y: truth },
      { name: 'conv1d + GRU', x: t, y: predicted },
      { name: 'persistence', x: t, y: persistence, dashed: true },
    ],
  });
  return { loss: (history.history as Record<string, number[]>)['loss']!, modelMse, persistenceMse };
}
