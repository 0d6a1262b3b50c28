import { Tensor, ValueError, dispose } from '@rectify/tensor';
import type { Dataset } from '@rectify/data';
import { exampleCount } from './data.js';
import type { TrainBatch } from './epoch-loop.js';
import type { TrainableModel } from './trainable.js';

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (value instanceof Tensor) return `a tensor of shape [${value.shape.join(',')}]`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === 'object'
    ? `an object with keys ${Object.keys(value).join(', ') || '(none)'}`
    : `a ${typeof value}`;
}

/** `xs` or `ys` of an element as a list of tensors: a tensor, an array of them, or an object of them by name. */
function tensorList(fn: string, what: 'xs' | 'ys', value: unknown, names: readonly string[]): Tensor[] {
  if (value instanceof Tensor) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof Tensor)) return value as Tensor[];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const byName = names.length > 0 && entries.length === names.length && names.every((n) => n in value);
    const ordered = byName
      ? names.map((n) => (value as Record<string, unknown>)[n])
      : entries.length === 1
        ? [entries[0]![1]]
        : null;
    if (ordered && ordered.every((v) => v instanceof Tensor)) return ordered as Tensor[];
  }
  throw new ValueError(
    `${fn}: a dataset element's ${what} must be a tensor, an array of tensors, or an object of tensors by ${what === 'ys' ? 'output' : 'input'} name; ` +
      `received ${describe(value)}. Batch the dataset (ds.batch(32)) so that numbers become tensors, and map objects to arrays (Object.values) when the names do not match`,
  );
}

/** A dataset element as the tensors of one batch: `{ xs, ys }` as tf.js expects, or `[xs, ys]`. */
export function elementBatch(fn: string, model: TrainableModel, element: unknown): { xs: Tensor[]; ys: Tensor[] } {
  const pair = Array.isArray(element) && element.length === 2 ? { xs: element[0], ys: element[1] } : element;
  if (pair === null || typeof pair !== 'object' || !('xs' in pair) || !('ys' in pair)) {
    throw new ValueError(`${fn}: dataset elements must be { xs, ys } (or [xs, ys]), received ${describe(element)}`);
  }
  const xs = tensorList(fn, 'xs', pair.xs, []);
  const ys = tensorList(fn, 'ys', pair.ys, model.outputNames);
  exampleCount(fn, [
    ['xs', xs],
    ['ys', ys],
  ]);
  return { xs, ys };
}

/** A batch of the loop made of a dataset element: its tensors are freed right after the step. */
function trainBatch(fn: string, model: TrainableModel, element: unknown): TrainBatch {
  try {
    const { xs, ys } = elementBatch(fn, model, element);
    return { size: xs[0]!.shape[0]!, tensors: () => ({ xs, ys }), release: () => dispose(element as never) };
  } catch (error) {
    dispose(element as never);
    throw error;
  }
}

/**
 * The epochs' batches from a dataset, as tf.js' fitDataset takes them: without `batchesPerEpoch` every epoch is one
 * full pass (a fresh iterator); with it, one iterator runs on across epochs and an epoch is that many batches —
 * when it runs dry first, training stops with a warning (repeat() the dataset to avoid it).
 */
export function datasetEpochs(
  fn: string,
  model: TrainableModel,
  ds: Dataset<unknown>,
  batchesPerEpoch: number | undefined,
  epochs: number,
): { batches: () => AsyncGenerator<TrainBatch>; close: () => Promise<unknown> } {
  let shared: AsyncIterator<unknown> | undefined;
  async function* batches(): AsyncGenerator<TrainBatch> {
    if (batchesPerEpoch === undefined) {
      for await (const element of ds) yield trainBatch(fn, model, element);
      return;
    }
    shared ??= ds[Symbol.asyncIterator]();
    for (let step = 0; step < batchesPerEpoch; step++) {
      const next = await shared.next();
      if (next.done) {
        console.warn(
          `${fn}: batchesPerEpoch is ${batchesPerEpoch} but the dataset ran out after ${step} batches of this epoch; training stopped. ` +
            `The dataset must give batchesPerEpoch * epochs = ${batchesPerEpoch * epochs} batches: use ds.repeat()`,
        );
        model.stopTraining = true;
        return;
      }
      yield trainBatch(fn, model, next.value);
    }
  }
  return { batches, close: async () => shared?.return?.() };
}
