import { type Tensor, argMax, cast, equal, greater, reshape, toTensor } from '@rectify/tensor';
import { alignTargets, batchMean } from '../losses/loss.js';
import { type Metric, meanMetric } from './metric.js';

export interface BinaryAccuracyOptions {
  /** Predictions above it count as 1 (default 0.5; use 0 for logits). */
  threshold?: number;
}

/**
 * The fraction of outputs on the right side of `threshold` (Keras `BinaryAccuracy`).
 * @example const m = binaryAccuracy(); m.update(tensor([[1], [0]]), tensor([[0.9], [0.7]])); m.result(); // → 0.5
 */
export function binaryAccuracy(options: BinaryAccuracyOptions = {}): Metric {
  const threshold = options.threshold ?? 0.5;
  return meanMetric('binaryAccuracy', { threshold }, (t, p) => {
    const target = alignTargets('binaryAccuracy', t, p);
    return batchMean(cast(equal(target, cast(greater(p, threshold), 'float32')), 'float32'));
  });
}

/**
 * Whether the largest output is at the one-hot target's position (Keras `CategoricalAccuracy`).
 * @example const m = categoricalAccuracy(); m.update(tensor([[0, 1]]), tensor([[0.2, 0.8]])); m.result(); // → 1
 */
export function categoricalAccuracy(): Metric {
  return meanMetric('categoricalAccuracy', {}, (t, p) => {
    const target = alignTargets('categoricalAccuracy', t, p);
    return batchMean(cast(equal(argMax(target, -1), argMax(p, -1)), 'float32'));
  });
}

/** Labels as float, shaped like argMax(yPred, -1): a trailing axis of size 1 is dropped. */
function labelsLike(yTrue: Tensor, predicted: Tensor): Tensor {
  return cast(reshape(yTrue, predicted.shape), 'float32');
}

/**
 * Whether the largest output is at the integer label (Keras `SparseCategoricalAccuracy`).
 * @example const m = sparseCategoricalAccuracy(); m.update(tensor([1, 0]), tensor([[0.2, 0.8], [0.3, 0.7]])); m.result(); // → 0.5
 */
export function sparseCategoricalAccuracy(): Metric {
  return meanMetric('sparseCategoricalAccuracy', {}, (t, p) => {
    const predicted = cast(argMax(p, -1), 'float32');
    return batchMean(cast(equal(labelsLike(t, predicted), predicted), 'float32'));
  });
}

/**
 * 'accuracy' when the loss does not say which kind is meant: a single output (last axis 1) is binary, targets
 * shaped like the prediction are one-hot, anything else holds integer labels.
 * @example const m = accuracy(); m.update(tensor([2]), tensor([[0, 0, 1]])); m.result(); // → 1
 */
export function accuracy(options: BinaryAccuracyOptions = {}): Metric {
  const binary = binaryAccuracy(options);
  const categorical = categoricalAccuracy();
  const sparse = sparseCategoricalAccuracy();
  const pick = (t: Tensor, p: Tensor): Metric => {
    if (p.rank <= 1 || p.shape[p.rank - 1] === 1) return binary;
    return t.rank === p.rank && t.shape[t.rank - 1] === p.shape[p.rank - 1] ? categorical : sparse;
  };
  let used: Metric | undefined;
  return {
    name: 'accuracy',
    update(yTrue, yPred) {
      const t = toTensor(yTrue, 'yTrue', 'accuracy');
      used = pick(t, yPred);
      used.update(t, yPred);
    },
    result: () => (used ? used.result() : 0),
    reset() {
      for (const m of [binary, categorical, sparse]) m.reset();
      used = undefined;
    },
    getConfig: () => ({ ...binary.getConfig() }),
  };
}
