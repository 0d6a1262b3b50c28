import { type Tensor, dispose, keep, tidy } from '@rectify/tensor';
import { noGrad } from '@rectify/autograd';
import type { Logs } from '../callbacks/callback.js';
import { concatBatches, sliceRows } from './data.js';
import { totalLoss } from './total-loss.js';
import { requireCompiled, type TrainableModel } from './trainable.js';

/**
 * The loss and metrics over all of (xs, ys), in batches, in inference mode. Losses are averaged per example
 * (a short last batch weighs less), then the regularization penalty is added once, as in training.
 */
export function evaluateLoop(model: TrainableModel, xs: readonly Tensor[], ys: readonly Tensor[], batchSize: number, fn = 'evaluate'): Logs {
  const compiled = requireCompiled(model, fn);
  const n = xs[0]!.shape[0]!;
  for (const m of compiled.metrics) m.metric.reset();
  let lossSum = 0;
  const outputSums = new Array<number>(compiled.losses.length).fill(0);
  noGrad(() => {
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(start + batchSize, n);
      tidy(() => {
        const xb = sliceRows(xs, start, end);
        const yb = sliceRows(ys, start, end);
        const preds = model.run(xb, false);
        const { total, perOutput } = totalLoss(fn, compiled, yb, preds, []);
        lossSum += total.item() * (end - start);
        perOutput.forEach((l, i) => (outputSums[i]! += l.item() * (end - start)));
        for (const m of compiled.metrics) m.metric.update(yb[m.output]!, preds[m.output]!);
      });
    }
  });
  const penalty = noGrad(() => tidy(() => model.regularizationLosses().reduce((s, t) => s + t.item(), 0)));
  const logs: Logs = { loss: lossSum / n + penalty };
  if (compiled.losses.length > 1) model.outputNames.forEach((name, i) => (logs[`${name}_loss`] = outputSums[i]! / n));
  for (const m of compiled.metrics) logs[m.key] = m.metric.result();
  return logs;
}

/** The model's outputs for every example, computed `batchSize` at a time and joined (one tensor per output). */
export function predictLoop(model: TrainableModel, xs: readonly Tensor[], batchSize: number): Tensor[] {
  const n = xs[0]!.shape[0]!;
  const batches: Tensor[][] = [];
  try {
    noGrad(() => {
      for (let start = 0; start < n; start += batchSize) {
        const end = Math.min(start + batchSize, n);
        batches.push(tidy(() => model.run(sliceRows(xs, start, end), false)).map((t) => keep(t)));
      }
    });
    if (batches.length === 1) return batches[0]!;
    return tidy(() => concatBatches(batches));
  } finally {
    if (batches.length > 1) dispose(batches);
  }
}
