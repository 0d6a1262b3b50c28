import { abs, squaredDifference, sub } from '@rectify/tensor';
import { alignTargets, batchMean } from '../losses/loss.js';
import { type Metric, meanMetric } from './metric.js';

/** Running mean squared error (Keras metric 'mse'). @example meanSquaredError().update(tensor([1]), tensor([3])) // result 4 */
export function meanSquaredError(): Metric {
  return meanMetric('meanSquaredError', {}, (t, p) =>
    batchMean(squaredDifference(alignTargets('meanSquaredError', t, p), p)),
  );
}

/** Running mean absolute error (Keras metric 'mae'). @example meanAbsoluteError().update(tensor([1]), tensor([3])) // result 2 */
export function meanAbsoluteError(): Metric {
  return meanMetric('meanAbsoluteError', {}, (t, p) => batchMean(abs(sub(alignTargets('meanAbsoluteError', t, p), p))));
}
