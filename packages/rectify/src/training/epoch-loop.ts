import { type Tensor, tidy } from '@rectify/tensor';
import { CallbackList, type Logs, type TrainingParams } from '../callbacks/callback.js';
import { History } from '../callbacks/history.js';
import { ProgressLogger } from '../callbacks/progress-logger.js';
import type { Compiled } from './compiled.js';
import type { LoopOptions } from './fit-options.js';
import { NonFiniteLossError } from './non-finite-loss-error.js';
import { trainStep } from './train-step.js';
import { withTfjsAliases } from './tfjs-log-aliases.js';
import type { TrainableModel } from './trainable.js';

/** One training batch as the loop sees it, wherever it comes from (rows of a tensor, a dataset element). */
export interface TrainBatch {
  readonly size: number;
  /** The batch's tensors; called inside the step's `tidy`, so tensors it makes there are freed after the step. */
  tensors(): { xs: Tensor[]; ys: Tensor[] };
  /** Frees what the batch held before the step (a dataset element); called after the step, even a failed one. */
  release?(): void;
}

/** What differs between `fit` and `fitDataset`: where an epoch's batches come from, and how validation runs. */
export interface TrainingPlan {
  /** The batches of one epoch. `return()` is called when an epoch ends before the iterator does. */
  batches(epoch: number): AsyncIterator<TrainBatch> | Iterator<TrainBatch>;
  /** Batches per epoch when known (for messages). */
  readonly steps: number | null;
  /** The validation logs (without the 'val_' prefix) at the end of an epoch, or null for none. */
  readonly validate: (() => Logs | Promise<Logs>) | null;
}

/** The log keys an epoch produces: loss, per-output losses of a multi-output model, metrics. */
export function metricKeys(model: TrainableModel, compiled: Compiled): string[] {
  const perOutput = compiled.losses.length > 1 ? model.outputNames.map((nm) => `${nm}_loss`) : [];
  return ['loss', ...perOutput, ...compiled.metrics.map((m) => m.key)];
}

/** The user's callbacks, the History that the loop returns, and the progress printer when verbose. */
export function callbackList(o: LoopOptions, history: History): CallbackList {
  return new CallbackList([...o.callbacks, history, ...(o.verbose > 0 ? [new ProgressLogger(o.printFn)] : [])]);
}

/**
 * The epochs of `fit` and `fitDataset`: callbacks around everything, one `trainStep` per batch inside a `tidy`,
 * running per-example averages in the batch logs, the NaN guard, validation at the end of every epoch.
 */
export async function runEpochs(
  fn: string,
  model: TrainableModel,
  compiled: Compiled,
  o: LoopOptions,
  params: TrainingParams,
  plan: TrainingPlan,
): Promise<History> {
  const history = new History();
  const list = callbackList(o, history);
  model.stopTraining = false;
  list.setModel(model);
  list.setParams(params);
  await list.trainBegin({});
  let logs: Logs = {};
  for (let epoch = o.initialEpoch; epoch < o.epochs && !model.stopTraining; epoch++) {
    for (const m of compiled.metrics) m.metric.reset();
    await list.epochBegin(epoch, {});
    let seen = 0;
    let lossSum = 0;
    const outputSums = new Array<number>(compiled.losses.length).fill(0);
    const batches = plan.batches(epoch);
    let finished = false;
    try {
      for (let step = 0; !model.stopTraining; step++) {
        const next = await batches.next();
        if (next.done) {
          finished = true;
          break;
        }
        const batch = next.value;
        let result;
        try {
          await list.batchBegin(step, { batch: step, size: batch.size });
          result = tidy(() => {
            const { xs, ys } = batch.tensors();
            return trainStep(model, xs, ys, o.terminateOnNaN, fn);
          });
        } finally {
          batch.release?.();
        }
        if (result.nonFinite)
          throw nonFiniteError(
            fn,
            result.nonFinite,
            result.loss,
            epoch,
            step,
            o.epochs,
            plan.steps,
            compiled.optimizer.learningRate,
            history,
          );
        seen += batch.size;
        lossSum += result.loss * batch.size;
        result.outputLosses.forEach((l, i) => (outputSums[i]! += l * batch.size));
        logs = { loss: lossSum / seen };
        if (compiled.losses.length > 1)
          model.outputNames.forEach((nm, i) => (logs[`${nm}_loss`] = outputSums[i]! / seen));
        for (const m of compiled.metrics) logs[m.key] = m.metric.result();
        await list.batchEnd(step, withTfjsAliases({ batch: step, size: batch.size, ...logs }));
      }
    } finally {
      if (!finished) await batches.return?.();
    }
    if (plan.validate) {
      const v = await plan.validate();
      for (const [k, val] of Object.entries(v)) logs[`val_${k}`] = val;
    }
    await list.epochEnd(epoch, withTfjsAliases(logs));
  }
  await list.trainEnd(logs);
  return history;
}

function nonFiniteError(
  fn: string,
  what: 'loss' | 'gradient',
  value: number,
  epoch: number,
  step: number,
  epochs: number,
  steps: number | null,
  lr: number,
  history: History,
): NonFiniteLossError {
  const subject = what === 'loss' ? `the loss became ${value}` : 'a gradient became NaN or Infinity';
  return new NonFiniteLossError(
    `${fn}: ${subject} at epoch ${epoch + 1}/${epochs}, step ${step + 1}${steps === null ? '' : `/${steps}`}; training stopped and the weights from before this step were kept. ` +
      `Try a lower learning rate (now ${lr}) or gradient clipping (e.g. adam({ clipNorm: 1 }))`,
    epoch,
    step,
    value,
    history,
  );
}
