import { checkPositive } from '../../checks.js';
import type { LearningRateSchedule } from './schedule.js';

export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole steps of `decaySteps` rather than smoothly (default false). */
  staircase?: boolean;
}

/**
 * Smooth exponential decay (Keras `ExponentialDecay`).
 *
 * lr(step) = initialLearningRate · decayRate^(step / decaySteps), with the exponent floored when `staircase`.
 *
 * @example
 * const lr = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
 * lr.at(20); // → 0.025
 */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  const initialLearningRate = checkPositive('exponentialDecay', 'initialLearningRate', options.initialLearningRate);
  const decaySteps = checkPositive('exponentialDecay', 'decaySteps', options.decaySteps);
  const decayRate = checkPositive('exponentialDecay', 'decayRate', options.decayRate);
  const staircase = options.staircase ?? false;
  return {
    className: 'exponentialDecay',
    at: (step) => {
      const p = step / decaySteps;
      return initialLearningRate * decayRate ** (staircase ? Math.floor(p) : p);
    },
    getConfig: () => ({ initialLearningRate, decaySteps, decayRate, staircase }),
  };
}
