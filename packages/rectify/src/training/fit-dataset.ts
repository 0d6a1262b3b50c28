import { ValueError, dispose, optionNames, setSeed } from '@rectify/tensor';
import { Dataset } from '@rectify/data';
import type { Logs, TrainingParams } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import { checkPositiveInt } from '../checks.js';
import { type Data, converted, exampleCount, toTensorList } from './data.js';
import { datasetEpochs, elementBatch } from './dataset-batches.js';
import { metricKeys, runEpochs } from './epoch-loop.js';
import { Evaluation, evaluateLoop } from './evaluate.js';
import { type LoopOptionsInput, loopKeys, resolveLoopOptions } from './fit-options.js';
import { requireCompiled, type TrainableModel } from './trainable.js';

export interface FitDatasetOptions extends LoopOptionsInput {
  /** Batches per epoch; without it an epoch is one full pass over the dataset (tf.js semantics). */
  batchesPerEpoch?: number;
  /** A dataset of `{ xs, ys }` batches, or `[x, y]` tensors, evaluated at the end of every epoch. */
  validationData?: Dataset<unknown> | readonly [Data, Data];
  /** Batches of a validation dataset to use (default: all of it). */
  validationBatches?: number;
  /** Batch size for `[x, y]` validation data (default 32). */
  validationBatchSize?: number;
}

const allowed = [
  ...loopKeys,
  ...optionNames<Omit<FitDatasetOptions, keyof LoopOptionsInput>>()({
    batchesPerEpoch: true,
    validationData: true,
    validationBatches: true,
    validationBatchSize: true,
  }),
];

/**
 * `{loss, …metrics}` over a dataset of `{ xs, ys }` batches, in inference mode, at most `batches` of them; each
 * batch is freed once evaluated.
 */
export async function evaluateDatasetLoop(
  model: TrainableModel,
  ds: Dataset<unknown>,
  batches?: number,
  fn = 'evaluateDataset',
): Promise<Logs> {
  if (!(ds instanceof Dataset))
    throw new ValueError(`${fn}: expected an rf.data Dataset, received ${ds === null ? 'null' : typeof ds}`);
  if (batches !== undefined) checkPositiveInt(fn, 'batches', batches);
  const evaluation = new Evaluation(model, fn);
  let done = 0;
  for await (const element of batches === undefined ? ds : ds.take(batches)) {
    try {
      const { xs, ys } = elementBatch(fn, model, element);
      evaluation.add(xs, ys);
      done++;
    } finally {
      dispose(element as never);
    }
  }
  if (batches !== undefined && done < batches)
    console.warn(`${fn}: batches is ${batches} but the dataset gave only ${done}`);
  return evaluation.logs();
}

/** Validation at the end of each epoch: a dataset, or [x, y] converted once (the caller frees `owned`). */
function validation(
  model: TrainableModel,
  o: FitDatasetOptions,
  owned: unknown[],
): (() => Logs | Promise<Logs>) | null {
  const v = o.validationData;
  if (v === undefined) return null;
  if (v instanceof Dataset) return () => evaluateDatasetLoop(model, v, o.validationBatches, 'fitDataset');
  if (!Array.isArray(v) || v.length !== 2)
    throw new ValueError('fitDataset: validationData must be a Dataset or [x, y]');
  const xs = toTensorList('fitDataset', 'validationData[0]', v[0]);
  const ys = toTensorList('fitDataset', 'validationData[1]', v[1]);
  owned.push(...converted(xs, v[0]), ...converted(ys, v[1]));
  exampleCount('fitDataset', [
    ['validationData[0]', xs],
    ['validationData[1]', ys],
  ]);
  const batchSize = checkPositiveInt('fitDataset', 'validationBatchSize', o.validationBatchSize ?? 32);
  return () => evaluateLoop(model, xs, ys, batchSize, 'fitDataset');
}

/**
 * The loop behind `model.fitDataset`: the epochs of `fit` (same callbacks, progress, NaN guard) over batches a
 * dataset makes on demand, so that memory holds only the batches in flight (the prefetch depth), each freed after
 * its step. Resolves to the History.
 */
export async function fitDatasetLoop(
  model: TrainableModel,
  ds: Dataset<unknown>,
  options: FitDatasetOptions = {},
): Promise<History> {
  const o = resolveLoopOptions('fitDataset', options, allowed);
  const compiled = requireCompiled(model, 'fitDataset');
  if (!(ds instanceof Dataset))
    throw new ValueError(
      `fitDataset: expected an rf.data Dataset of { xs, ys } batches, received ${ds === null ? 'null' : typeof ds}`,
    );
  const batchesPerEpoch =
    options.batchesPerEpoch === undefined
      ? undefined
      : checkPositiveInt('fitDataset', 'batchesPerEpoch', options.batchesPerEpoch);
  if (options.validationBatches !== undefined)
    checkPositiveInt('fitDataset', 'validationBatches', options.validationBatches);
  if (o.seed !== undefined) setSeed(o.seed);
  const owned: unknown[] = [];
  const validate = validation(model, options, owned);
  const keys = metricKeys(model, compiled);
  const steps = batchesPerEpoch ?? (ds.size !== null && Number.isFinite(ds.size) ? ds.size : null);
  const params: TrainingParams = {
    epochs: o.epochs,
    initialEpoch: o.initialEpoch,
    steps,
    samples: null,
    batchSize: null,
    verbose: o.verbose,
    metrics: [...keys, ...(validate ? keys.map((k) => `val_${k}`) : [])],
    doValidation: validate !== null,
  };
  const source = datasetEpochs('fitDataset', model, ds, batchesPerEpoch, o.epochs);
  try {
    return await runEpochs('fitDataset', model, compiled, o, params, { steps, batches: source.batches, validate });
  } finally {
    await source.close();
    dispose(owned as never);
  }
}
