import type { LayersModel } from '@rectify/rectify';
import { DEFAULTS, loadOptionsFor } from '../config/resolve.js';
import { openStreamed } from '../datasets/streamed/open.js';
import type { Batch, Part, StreamedData } from '../datasets/streamed/types.js';
import type { data } from '@rectify/rectify';
import { CliError } from '../errors.js';
import type { ModelInfo } from '../run-dir/model-dir.js';
import { modelInputShape } from './model-data.js';

/** The parts of a streamed dataset that `--split` names; `train` holds the validation rows too, as in memory. */
const PARTS: Record<'test' | 'train' | 'all', readonly Part[]> = {
  test: ['test'],
  train: ['train', 'validation'],
  all: ['train', 'validation', 'test'],
};

/**
 * A streamed dataset (`images:<dir>`, or a CSV too large for the heap) read the way a saved model was trained:
 * its columns, classes and standardisation by name, its split of the rows — and checked against its input shape.
 *
 * @example
 * const s = await streamedForModel(model, info, 'runs/x/model', 'csv:big.csv', {});
 */
export async function streamedForModel(
  model: LayersModel,
  info: ModelInfo | undefined,
  dir: string,
  name: string,
  o: { target?: string },
): Promise<StreamedData> {
  const config = info?.config;
  const shape = modelInputShape(model) ?? info?.inputShape;
  // An image folder without a size is read at the model's size.
  if (name.startsWith('images:') && !/@\d+x\d+(x[13])?$/.test(name) && shape?.length === 3)
    name = `${name}@${shape[1]}x${shape[0]}x${shape[2]}`;
  const options = config ? loadOptionsFor({ ...config, dataset: { ...config.dataset, name } }) : {};
  const sameKind = info !== undefined && info.dataset.split(':')[0] === name.split(':')[0];
  const stream = await openStreamed(
    name,
    {
      ...options,
      standardize: false,
      ...(o.target !== undefined && { target: o.target }),
      ...(info?.task !== undefined && info.task !== 'sequence' && { task: info.task }),
      trainedOn: {
        ...(sameKind && info.featureNames !== undefined && { featureNames: info.featureNames }),
        ...(info?.classNames !== undefined && { classNames: info.classNames }),
        ...(info?.standardizer !== undefined && { standardizer: info.standardizer }),
      },
    },
    config?.validationSplit ?? DEFAULTS.validationSplit,
  );
  const expected = shape;
  const got = stream.info.inputShape;
  if (expected !== undefined && expected.join(',') !== got.join(','))
    throw new CliError(
      `dataset '${name}' gives inputs of shape [${got.join(',')}] but the model in ${dir} expects [${expected.join(',')}]`,
    );
  return stream;
}

/** The batches of the parts `--split` names, one after another, and how many samples they hold. */
export function streamedSplit(
  stream: StreamedData,
  split: 'test' | 'train' | 'all',
  batchSize: number,
): { batches: data.Dataset<Batch>; samples: number } {
  const parts = PARTS[split];
  const batches = parts.map((p) => stream.batches(p, batchSize, 0)).reduce((a, b) => a.concatenate(b));
  return { batches, samples: parts.reduce((n, p) => n + stream.counts[p], 0) };
}
