import { type Tensor, ValueError, dispose, keep, tidy } from '@rectify/tensor';
import { noGrad } from '@rectify/autograd';
import type { Logs } from '../callbacks/callback.js';
import { concatBatches, sliceRows } from './data.js';
import { totalLoss } from './total-loss.js';
import type { Compiled } from './compiled.js';
import { requireCompiled, type TrainableModel } from './trainable.js';

/**
 * Running loss and metric sums over batches in inference mode, for `evaluate` and `evaluateDataset`. Losses are
 * averaged per example (a short last batch weighs less), then the regularization penalty is added once, as in
 * training.
 */
export class Evaluation {
  private readonly compiled: Compiled;
  private examples = 0;
  private lossSum = 0;
  private readonly outputSums: number[];

  constructor(
    private readonly model: TrainableModel,
    private readonly fn: string,
  ) {
    this.compiled = requireCompiled(model, fn);
    for (const m of this.compiled.metrics) m.metric.reset();
    this.outputSums = new Array<number>(this.compiled.losses.length).fill(0);
  }

  /** Adds one batch (freed by the caller; what this makes is freed here). */
  add(xb: readonly Tensor[], yb: readonly Tensor[]): void {
    const rows = xb[0]!.shape[0]!;
    noGrad(() =>
      tidy(() => {
        const preds = this.model.run(xb, false);
        const { total, perOutput } = totalLoss(this.fn, this.compiled, yb, preds, []);
        this.lossSum += total.item() * rows;
        perOutput.forEach((l, i) => (this.outputSums[i]! += l.item() * rows));
        for (const m of this.compiled.metrics) m.metric.update(yb[m.output]!, preds[m.output]!);
      }),
    );
    this.examples += rows;
  }

  /** `{loss, …metrics}` over every batch added. */
  logs(): Logs {
    const n = this.examples;
    if (n === 0) throw new ValueError(`${this.fn}: no examples to evaluate (the data is empty)`);
    const penalty = noGrad(() => tidy(() => this.model.regularizationLosses().reduce((s, t) => s + t.item(), 0)));
    const logs: Logs = { loss: this.lossSum / n + penalty };
    if (this.compiled.losses.length > 1)
      this.model.outputNames.forEach((name, i) => (logs[`${name}_loss`] = this.outputSums[i]! / n));
    for (const m of this.compiled.metrics) logs[m.key] = m.metric.result();
    return logs;
  }
}

/** The loss and metrics over all of (xs, ys), `batchSize` rows at a time. */
export function evaluateLoop(
  model: TrainableModel,
  xs: readonly Tensor[],
  ys: readonly Tensor[],
  batchSize: number,
  fn = 'evaluate',
): Logs {
  const evaluation = new Evaluation(model, fn);
  const n = xs[0]!.shape[0]!;
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    tidy(() => evaluation.add(sliceRows(xs, start, end), sliceRows(ys, start, end)));
  }
  return evaluation.logs();
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
