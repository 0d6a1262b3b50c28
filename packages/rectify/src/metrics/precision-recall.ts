import { type Tensor, type TensorLike, cast, greater, mul, sum, tidy, toTensor } from '@rectify/tensor';
import { noGrad } from '@rectify/autograd';
import { alignTargets } from '../losses/loss.js';
import type { Metric } from './metric.js';

export interface ThresholdOptions {
  /** Predictions above it count as positive (default 0.5; use 0 for logits). */
  threshold?: number;
}

/** True positives, false positives and false negatives of one batch, thresholded. */
function confusion(
  name: string,
  yTrue: TensorLike,
  yPred: Tensor,
  threshold: number,
): { tp: number; fp: number; fn: number } {
  return noGrad(() =>
    tidy(() => {
      const t = alignTargets(name, toTensor(yTrue, 'yTrue', name), yPred);
      const p = cast(greater(yPred, threshold), 'float32');
      const tp = sum(mul(p, t)).item();
      return { tp, fp: sum(p).item() - tp, fn: sum(t).item() - tp };
    }),
  );
}

function ratioMetric(
  name: string,
  threshold: number,
  part: (c: { tp: number; fp: number; fn: number }) => number,
): Metric {
  let tp = 0;
  let other = 0;
  return {
    name,
    update(yTrue, yPred) {
      const c = confusion(name, yTrue, yPred, threshold);
      tp += c.tp;
      other += part(c);
    },
    // Keras reports 0 rather than NaN when nothing was predicted (precision) or present (recall).
    result: () => (tp + other === 0 ? 0 : tp / (tp + other)),
    reset() {
      tp = 0;
      other = 0;
    },
    getConfig: () => ({ threshold }),
  };
}

/**
 * Of the outputs predicted positive, the fraction that are (Keras `Precision`): TP / (TP + FP), accumulated over
 * the epoch.
 * @example const m = precision(); m.update(tensor([1, 0, 1]), tensor([0.9, 0.8, 0.2])); m.result(); // → 0.5
 */
export function precision(options: ThresholdOptions = {}): Metric {
  return ratioMetric('precision', options.threshold ?? 0.5, (c) => c.fp);
}

/**
 * Of the positive targets, the fraction predicted positive (Keras `Recall`): TP / (TP + FN).
 * @example const m = recall(); m.update(tensor([1, 0, 1]), tensor([0.9, 0.8, 0.2])); m.result(); // → 0.5
 */
export function recall(options: ThresholdOptions = {}): Metric {
  return ratioMetric('recall', options.threshold ?? 0.5, (c) => c.fn);
}
