import { PRNGKey, type Tensor, ValueError, dispose, keyFor, setSeed, tensor, tidy } from '@rectify/tensor';
import { CallbackList, type Logs, type TrainingParams } from '../callbacks/callback.js';
import { History } from '../callbacks/history.js';
import { ProgressLogger } from '../callbacks/progress-logger.js';
import { type Data, converted, exampleCount, gatherRows, sliceRows, toTensorList } from './data.js';
import { evaluateLoop } from './evaluate.js';
import { type FitOptions, resolveFitOptions } from './fit-options.js';
import { NonFiniteLossError } from './non-finite-loss-error.js';
import { permutation } from './shuffle.js';
import { trainStep } from './train-step.js';
import { withTfjsAliases } from './tfjs-log-aliases.js';
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
  const n = exampleCount('fit', [['x', xs], ['y', ys]]);
  if (options.validationData) {
    const [vx, vy] = options.validationData;
    const vxs = toTensorList('fit', 'validationData[0]', vx);
    const vys = toTensorList('fit', 'validationData[1]', vy);
    owned.push(...converted(vxs, vx), ...converted(vys, vy));
    exampleCount('fit', [['validationData[0]', vxs], ['validationData[1]', vys]]);
    return { train: { xs, ys }, val: { xs: vxs, ys: vys }, owned };
  }
  if (validationSplit === 0) return { train: { xs, ys }, val: null, owned };
  // Keras takes the last fraction, before any shuffling: sorted data gives a skewed split, as it would there.
  const cut = Math.floor(n * (1 - validationSplit));
  if (cut === 0) throw new ValueError(`fit: validationSplit ${validationSplit} leaves no training examples (${n} in all)`);
  const parts = [sliceRows(xs, 0, cut), sliceRows(ys, 0, cut), sliceRows(xs, cut, n), sliceRows(ys, cut, n)] as const;
  owned.push(...parts.flat());
  return { train: { xs: parts[0], ys: parts[1] }, val: { xs: parts[2], ys: parts[3] }, owned };
}

/**
 * The training loop behind `model.fit`: epochs of shuffled batches, one `trainStep` each, validation at the end
 * of every epoch, callbacks around everything. Resolves to the History.
 */
export async function fitLoop(model: TrainableModel, x: Data, y: Data, options: FitOptions = {}): Promise<History> {
  const o = resolveFitOptions(options);
  const compiled = requireCompiled(model, 'fit');
  const data = splitData(x, y, options, o.validationSplit);
  const n = data.train.xs[0]!.shape[0]!;
  if (o.seed !== undefined) setSeed(o.seed);
  const shuffleKey = o.seed !== undefined ? PRNGKey.fromSeed(o.seed).fold(0x5f1e) : keyFor(undefined);
  const steps = Math.ceil(n / o.batchSize);
  const probeBatch = { xs: sliceRows(data.train.xs, 0, Math.min(o.batchSize, n)), ys: sliceRows(data.train.ys, 0, Math.min(o.batchSize, n)) };
  const history = new History();
  const list = new CallbackList([...o.callbacks, history, ...(o.verbose > 0 ? [new ProgressLogger(o.printFn)] : [])]);
  const metricKeys = ['loss', ...(compiled.losses.length > 1 ? model.outputNames.map((nm) => `${nm}_loss`) : []), ...compiled.metrics.map((m) => m.key)];
  const params: TrainingParams = {
    epochs: o.epochs,
    initialEpoch: o.initialEpoch,
    steps,
    samples: n,
    batchSize: o.batchSize,
    verbose: o.verbose,
    metrics: [...metricKeys, ...(data.val ? metricKeys.map((k) => `val_${k}`) : [])],
    doValidation: data.val !== null,
    probeBatch: { x: probeBatch.xs.length === 1 ? probeBatch.xs[0]! : probeBatch.xs, y: probeBatch.ys.length === 1 ? probeBatch.ys[0]! : probeBatch.ys },
  };
  model.stopTraining = false;
  list.setModel(model);
  list.setParams(params);
  try {
    await list.trainBegin({});
    let logs: Logs = {};
    for (let epoch = o.initialEpoch; epoch < o.epochs && !model.stopTraining; epoch++) {
      for (const m of compiled.metrics) m.metric.reset();
      await list.epochBegin(epoch, {});
      const order = o.shuffle ? permutation(n, shuffleKey.fold(epoch)) : null;
      let seen = 0;
      let lossSum = 0;
      const outputSums = new Array<number>(compiled.losses.length).fill(0);
      for (let step = 0; step < steps && !model.stopTraining; step++) {
        const start = step * o.batchSize;
        const end = Math.min(start + o.batchSize, n);
        await list.batchBegin(step, { batch: step, size: end - start });
        const result = tidy(() => {
          const idx = order ? tensor(order.subarray(start, end), [end - start], 'int32') : null;
          const xb = idx ? gatherRows(data.train.xs, idx) : sliceRows(data.train.xs, start, end);
          const yb = idx ? gatherRows(data.train.ys, idx) : sliceRows(data.train.ys, start, end);
          return trainStep(model, xb, yb, o.terminateOnNaN);
        });
        if (result.nonFinite) throw nonFiniteError(result.nonFinite, result.loss, epoch, step, o.epochs, steps, compiled.optimizer.learningRate, history);
        seen += end - start;
        lossSum += result.loss * (end - start);
        result.outputLosses.forEach((l, i) => (outputSums[i]! += l * (end - start)));
        logs = { loss: lossSum / seen };
        if (compiled.losses.length > 1) model.outputNames.forEach((nm, i) => (logs[`${nm}_loss`] = outputSums[i]! / seen));
        for (const m of compiled.metrics) logs[m.key] = m.metric.result();
        await list.batchEnd(step, withTfjsAliases({ batch: step, size: end - start, ...logs }));
      }
      if (data.val) {
        const v = evaluateLoop(model, data.val.xs, data.val.ys, o.validationBatchSize, 'fit');
        for (const [k, val] of Object.entries(v)) logs[`val_${k}`] = val;
      }
      await list.epochEnd(epoch, withTfjsAliases(logs));
    }
    await list.trainEnd(logs);
    return history;
  } finally {
    dispose([...data.owned, ...probeBatch.xs, ...probeBatch.ys]);
  }
}

function nonFiniteError(
  what: 'loss' | 'gradient', value: number, epoch: number, step: number, epochs: number, steps: number, lr: number, history: History,
): NonFiniteLossError {
  const subject = what === 'loss' ? `the loss became ${value}` : 'a gradient became NaN or Infinity';
  return new NonFiniteLossError(
    `fit: ${subject} at epoch ${epoch + 1}/${epochs}, step ${step + 1}/${steps}; training stopped and the weights from before this step were kept. ` +
      `Try a lower learning rate (now ${lr}) or gradient clipping (e.g. adam({ clipNorm: 1 }))`,
    epoch,
    step,
    value,
    history,
  );
}
