import { abs, add, minimum, mul, square, sub, checkOptions, optionNames } from '@rectify/tensor';
import { checkPositive } from '../checks.js';
import { type Loss, makeLoss } from './loss.js';

export interface HuberOptions {
  /** Where the loss turns from quadratic to linear (default 1). */
  delta?: number;
}

/**
 * Huber loss (Keras `Huber`): quadratic for small errors, linear for large ones, so outliers pull with a bounded
 * gradient.
 *
 * With e = |yTrue − yPred| and q = min(e, δ): loss = ½q² + δ(e − q), i.e. ½e² when e ≤ δ, else δ(e − ½δ).
 *
 * @example huber({ delta: 1 })(tensor([0, 0]), tensor([0.5, 3])).item(); // (0.125 + 2.5) / 2
 */
export function huber(options: HuberOptions = {}): Loss {
  checkOptions('huber', options, optionNames<HuberOptions>()({ delta: true }));
  const delta = checkPositive('huber', 'delta', options.delta ?? 1);
  return makeLoss('huber', { delta }, (t, p) => {
    const e = abs(sub(t, p));
    const q = minimum(e, delta);
    return add(mul(square(q), 0.5), mul(sub(e, q), delta));
  });
}
