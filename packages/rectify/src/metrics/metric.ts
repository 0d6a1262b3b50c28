import { type Tensor, type TensorLike, sum, tidy, toTensor } from '@rectify/tensor';
import { noGrad } from '@rectify/autograd';

/**
 * A metric accumulates over the batches of an epoch and reports one number, as Keras metrics do: `update` adds a
 * batch, `result` reads the running value, `reset` starts over. Averaging per-batch values instead would be wrong
 * for precision and recall, and would overweight a short last batch.
 */
export interface Metric {
  /** The default log key ('binaryAccuracy'); compile uses the string the user wrote when there was one. */
  readonly name: string;
  update(yTrue: TensorLike, yPred: Tensor): void;
  result(): number;
  reset(): void;
  getConfig(): Record<string, unknown>;
}

/** A user-written metric: one value per example (or a scalar), averaged over everything seen. */
export type MetricFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * A metric that is the running mean of a per-example value (accuracy, MSE …).
 * @example
 * const m = meanMetric('half', {}, (t, p) => mul(p, 0.5));
 * m.update(tensor([0, 0]), tensor([2, 4]));
 * m.result(); // → 1.5
 */
export function meanMetric(name: string, config: Record<string, unknown>, perExample: MetricFunction): Metric {
  let total = 0;
  let count = 0;
  return {
    name,
    update(yTrue, yPred) {
      const [s, n] = noGrad(() =>
        tidy(() => {
          const v = perExample(toTensor(yTrue, 'yTrue', name), yPred);
          return [sum(v).item(), v.size] as const;
        }),
      );
      total += s;
      count += n;
    },
    result: () => (count === 0 ? 0 : total / count),
    reset() {
      total = 0;
      count = 0;
    },
    getConfig: () => ({ ...config }),
  };
}
