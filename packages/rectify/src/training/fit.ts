import { PRNGKey, type Tensor, ValueError, dispose, keyFor, setSeed, tensor } from '@rectify/tensor';
import type { TrainingParams } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import { type Data, converted, exampleCount, gatherRows, sliceRows, toTensorList, unwrap } from './data.js';
import { type TrainBatch, metricKeys, runEpochs } from './epoch-loop.js';
import { evaluateLoop } from './evaluate.js';
import { type FitOptions, resolveFitOptions } from './fit-options.js';
import { permutation } from './shuffle.js';
import { requireCompiled, type TrainableModel } from './trainable.js';

interface Split {
  train: { xs: Tensor[]; ys: Tensor[] };
  val: { xs: Tensor[]; ys: Tensor[] } | null;
  /** Tensors this call made (conversions, slices) and must free. */
  owned: Tensor[];
}

function splitData(x: Data, y: Data, options: FitOptions, validationSplit: number): Split {
  const xs = toTensorList('fit', 'x', x);
  const ys = toTensorList('fit', 'y', y);
  const owned = [...converted(xs, x), ...converted(ys, y)];
  const n = exampleCount('fit', [
    ['x', xs],
    ['y', ys],
  ]);
  if (options.validationData) {
    const [vx, vy] = options.validationData;
    const vxs = toTensorList('fit', 'validationData[0]', vx);
    const vys = toTensorList('fit', 'validationData[1]', vy);
    owned.push(...converted(vxs, vx), ...converted(vys, vy));
    exampleCount('fit', [
      ['validationData[0]', vxs],
      ['validationData[1]', vys],
    ]);
    return { train: { xs, ys }, val: { xs: vxs, ys: vys }, owned };
  }
  if (validationSplit === 0) return { train: { xs, ys }, val: null, owned };
  // Keras takes the last fraction, before any shuffling: sorted data gives a skewed split, as it would there.
  const cut = Math.floor(n * (1 - validationSplit));
  if (cut === 0)
    throw new ValueError(`fit: validationSplit ${validationSplit} leaves no training examples (${n} in all)`);
  const parts = [sliceRows(xs, 0, cut), sliceRows(ys, 0, cut), sliceRows(xs, cut, n), sliceRows(ys, cut, n)] as const;
  owned.push(...parts.flat());
  return { train: { xs: parts[0], ys: parts[1] }, val: { xs: parts[2], ys: parts[3] }, owned };
}

/** One epoch of `fit`: batches of rows, shuffled by `order` (null: in order), gathered inside the step's tidy. */
function* rowBatches(
  data: Split['train'],
  n: number,
  batchSize: number,
  order: Int32Array | null,
): Generator<TrainBatch> {
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    yield {
      size: end - start,
      tensors: () => {
        if (!order) return { xs: sliceRows(data.xs, start, end), ys: sliceRows(data.ys, start, end) };
        const idx = tensor(order.subarray(start, end), [end - start], 'int32');
        return { xs: gatherRows(data.xs, idx), ys: gatherRows(data.ys, idx) };
      },
    };
  }
}

/**
 * The training loop behind `model.fit`: epochs of shuffled batches of rows, validation at the end of every epoch
 * (the epochs themselves, shared with `fitDataset`, are `runEpochs`). Resolves to the History.
 */
export async function fitLoop(model: TrainableModel, x: Data, y: Data, options: FitOptions = {}): Promise<History> {
  const o = resolveFitOptions(options);
  const compiled = requireCompiled(model, 'fit');
  const data = splitData(x, y, options, o.validationSplit);
  const n = data.train.xs[0]!.shape[0]!;
  if (o.seed !== undefined) setSeed(o.seed);
  const shuffleKey = o.seed !== undefined ? PRNGKey.fromSeed(o.seed).fold(0x5f1e) : keyFor(undefined);
  const steps = Math.ceil(n / o.batchSize);
  const probeBatch = {
    xs: sliceRows(data.train.xs, 0, Math.min(o.batchSize, n)),
    ys: sliceRows(data.train.ys, 0, Math.min(o.batchSize, n)),
  };
  const keys = metricKeys(model, compiled);
  const params: TrainingParams = {
    epochs: o.epochs,
    initialEpoch: o.initialEpoch,
    steps,
    samples: n,
    batchSize: o.batchSize,
    verbose: o.verbose,
    metrics: [...keys, ...(data.val ? keys.map((k) => `val_${k}`) : [])],
    doValidation: data.val !== null,
    probeBatch: { x: unwrap(probeBatch.xs), y: unwrap(probeBatch.ys) },
  };
  const val = data.val;
  try {
    return await runEpochs('fit', model, compiled, o, params, {
      steps,
      batches: (epoch) =>
        rowBatches(data.train, n, o.batchSize, o.shuffle ? permutation(n, shuffleKey.fold(epoch)) : null),
      validate: val ? () => evaluateLoop(model, val.xs, val.ys, o.validationBatchSize, 'fit') : null,
    });
  } finally {
    dispose([...data.owned, ...probeBatch.xs, ...probeBatch.ys]);
  }
}
