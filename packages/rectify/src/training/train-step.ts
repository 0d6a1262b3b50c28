import { type Tensor, add, cast, dispose, isFinite, keep, sum, tidy } from '@rectify/tensor';
import { noGrad, variableGrads } from '@rectify/autograd';
import { requireCompiled, type TrainableModel } from './trainable.js';
import { totalLoss } from './total-loss.js';

/** The outcome of one step: the loss values, or why the step was refused. */
export interface StepResult {
  readonly loss: number;
  readonly outputLosses: readonly number[];
  /** Set when the loss or a gradient was NaN/Inf and `guard` was on: nothing was updated. */
  readonly nonFinite?: 'loss' | 'gradient';
}

/**
 * One optimizer step on one batch, inside one `tidy`: forward in training mode, loss, gradients, update, metric
 * update. With `guard` (TerminateOnNaN), a NaN/Inf loss or gradient aborts the step before anything changes:
 * trainable weights are untouched and non-trainable ones (batch-norm statistics, updated during the forward
 * pass) are put back.
 */
export function trainStep(
  model: TrainableModel,
  xs: readonly Tensor[],
  ys: readonly Tensor[],
  guard: boolean,
  fn = 'fit',
): StepResult {
  const compiled = requireCompiled(model, fn);
  return tidy(() => {
    // Views share the buffers: holding them costs no copy, and assign() leaves them pointing at the old values.
    const before = guard ? model.nonTrainableWeights.map((v) => cast(v, v.dtype)) : [];
    const vars = model.trainableWeights;
    // variableGrads frees everything f creates except its result; the predictions (for the metrics) and the
    // per-output losses (for the logs) are kept explicitly and freed below.
    let preds: Tensor[] = [];
    let perOutput: Tensor[] = [];
    try {
      const { value, grads } = variableGrads(() => {
        preds = model.run(xs, true).map((t) => keep(t));
        const l = totalLoss(fn, compiled, ys, preds, model.regularizationLosses());
        perOutput = l.perOutput.length > 1 ? l.perOutput.map((t) => keep(t)) : [];
        return l.total;
      }, vars);
      const loss = value.item();
      const outputLosses = perOutput.length > 1 ? perOutput.map((t) => t.item()) : [loss];
      if (guard) {
        const bad = !Number.isFinite(loss)
          ? 'loss'
          : gradientsFinite(vars.map((v) => grads[v.name]!))
            ? undefined
            : 'gradient';
        if (bad) {
          model.nonTrainableWeights.forEach((v, i) => v.assign(before[i]!));
          return { loss, outputLosses, nonFinite: bad };
        }
      }
      compiled.optimizer.applyGradients(vars.map((v) => ({ variable: v, grad: grads[v.name]! })));
      noGrad(() => {
        for (const m of compiled.metrics) m.metric.update(ys[m.output]!, preds[m.output]!);
      });
      return { loss, outputLosses };
    } finally {
      dispose([...preds, ...perOutput]);
    }
  });
}

/** One reduction per gradient and a single read: NaN or ±Inf anywhere makes the sum non-finite. */
function gradientsFinite(gs: readonly Tensor[]): boolean {
  if (gs.length === 0) return true;
  const total = gs.map((g) => sum(g)).reduce((a, b) => add(a, b));
  return isFinite(total).item() === 1;
}
