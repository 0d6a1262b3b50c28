import { checkNonNegative, checkPositive } from '../../checks.js';
import { ValueError } from '@rectify/tensor';
import type { LearningRateSchedule } from './schedule.js';

export interface CosineDecayOptions {
  initialLearningRate: number;
  /** Updates over which the rate falls from initialLearningRate to alpha · initialLearningRate. */
  decaySteps: number;
  /** The floor, as a fraction of initialLearningRate (default 0). */
  alpha?: number;
}

/**
 * Half a cosine from the initial rate down to a floor, then flat (Loshchilov & Hutter, SGDR, 2017; Keras
 * `CosineDecay`). Combine with {@link warmup} for the usual transformer recipe.
 *
 * lr(step) = initialLearningRate · ((1 − alpha) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + alpha)
 *
 * @example
 * const lr = cosineDecay({ initialLearningRate: 0.1, decaySteps: 100 });
 * lr.at(50); // → 0.05
 */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  const initialLearningRate = checkPositive('cosineDecay', 'initialLearningRate', options.initialLearningRate);
  const decaySteps = checkPositive('cosineDecay', 'decaySteps', options.decaySteps);
  const alpha = checkNonNegative('cosineDecay', 'alpha', options.alpha ?? 0);
  if (alpha > 1) throw new ValueError(`cosineDecay: alpha must be in [0, 1], received ${alpha}`);
  return {
    className: 'cosineDecay',
    at: (step) => {
      const cosine = 0.5 * (1 + Math.cos((Math.PI * Math.min(step, decaySteps)) / decaySteps));
      return initialLearningRate * ((1 - alpha) * cosine + alpha);
    },
    getConfig: () => ({ initialLearningRate, decaySteps, alpha }),
  };
}
