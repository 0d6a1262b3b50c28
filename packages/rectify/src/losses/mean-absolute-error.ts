import { abs, sub } from '@rectify/tensor';
import { type Loss, makeLoss } from './loss.js';

/**
 * Mean absolute error (Keras `MeanAbsoluteError`, alias 'mae'); robust to outliers, constant gradient.
 *
 * loss = mean over examples of mean(|yTrue − yPred|)
 *
 * @example meanAbsoluteError()(tensor([1, 2]), tensor([1.5, 1])).item(); // → 0.75
 */
export function meanAbsoluteError(): Loss {
  return makeLoss('meanAbsoluteError', {}, (t, p) => abs(sub(t, p)));
}
