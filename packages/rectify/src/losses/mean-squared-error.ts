import { squaredDifference } from '@rectify/tensor';
import { type Loss, makeLoss } from './loss.js';

/**
 * Mean squared error (Keras `MeanSquaredError`, alias 'mse').
 *
 * loss = mean over examples of mean((yTrue − yPred)²)
 *
 * @example meanSquaredError()(tensor([[1], [2]]), tensor([[1.5], [2]])).item(); // → 0.125
 */
export function meanSquaredError(): Loss {
  return makeLoss('meanSquaredError', {}, (t, p) => squaredDifference(t, p));
}
