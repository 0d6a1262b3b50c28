import type { LayersModel } from '@rectify/rectify';
import { loadOptionsFor } from '../config/resolve.js';
import { loadDataset } from '../datasets/registry.js';
import { applyStandardizer } from '../datasets/standardize.js';
import type { Dataset, Split } from '../datasets/types.js';
import { CliError, UsageError } from '../errors.js';
import type { ModelInfo } from '../run-dir/model-dir.js';

/** The per-sample input shape a loaded model expects, from its build shape. */
export function modelInputShape(model: LayersModel): number[] | undefined {
  const shape = (model as unknown as { batchInputShape?: readonly (number | null)[] }).batchInputShape;
  return shape ? shape.slice(1).map((d) => d ?? -1) : undefined;
}

/** Applies the standardisation the model was trained with (statistics saved next to it), if any. */
export function standardizeLike(split: Split, info: ModelInfo | undefined): Split {
  const s = info?.standardizer;
  if (s === undefined) return split;
  return applyStandardizer(split, { mean: Float64Array.from(s.mean), std: Float64Array.from(s.std) });
}

/**
 * The data to evaluate or inspect a saved model on: `--dataset` or the dataset the model was trained on, loaded
 * with the same options, standardised with the saved training statistics, and checked against the model's input.
 *
 * @example
 * const data = datasetForModel(model, info, 'runs/x/model', {});
 */
export function datasetForModel(
  model: LayersModel,
  info: ModelInfo | undefined,
  dir: string,
  o: { dataset?: string; target?: string; delimiter?: string },
): Dataset {
  const name = o.dataset ?? info?.dataset;
  if (name === undefined)
    throw new UsageError(`--dataset is required: ${dir} has no rectify-cli.json that names the training dataset`);
  // A model directory is untrusted: a file named in it is never opened unless the user names it again.
  if (o.dataset === undefined && name.startsWith('csv:')) {
    throw new UsageError(
      `the model in ${dir} was trained on ${name}; pass --dataset csv:<path> (and --target <column>) to say which file to read`,
    );
  }
  let options = {};
  if (info !== undefined) options = loadOptionsFor({ ...info.config, dataset: { ...info.config.dataset, name } });
  const data = loadDataset(name, {
    ...options,
    standardize: false,
    ...(o.target !== undefined && { target: o.target }),
    ...(o.delimiter !== undefined && { delimiter: o.delimiter }),
    // The model's own columns, by name, when it was trained on a CSV file too.
    ...(name.startsWith('csv:') &&
      info?.dataset.startsWith('csv:') &&
      info.featureNames !== undefined && { features: info.featureNames }),
  });
  const expected = modelInputShape(model) ?? info?.inputShape;
  if (expected !== undefined && expected.join(',') !== data.inputShape.join(',')) {
    throw new CliError(
      `dataset '${name}' gives inputs of shape [${data.inputShape.join(',')}] but the model in ${dir} expects [${expected.join(',')}]`,
    );
  }
  return { ...data, train: standardizeLike(data.train, info), test: standardizeLike(data.test, info) };
}

/** The rows of a split chosen by `--split`: the held-out test split (default), the training split, or both. */
export function chooseSplit(data: Dataset, split: 'test' | 'train' | 'all'): Split {
  if (split === 'test') return data.test;
  if (split === 'train') return data.train;
  const x = new Float32Array(data.train.x.length + data.test.x.length);
  x.set(data.train.x);
  x.set(data.test.x, data.train.x.length);
  const y = new Float32Array(data.train.y.length + data.test.y.length);
  y.set(data.train.y);
  y.set(data.test.y, data.train.y.length);
  return { x, y, n: data.train.n + data.test.n };
}
