import { checkPositive, checkPositiveInt } from '../../checks.js';
import type { LearningRateSchedule } from './schedule.js';

export interface StepDecayOptions {
  initialLearningRate: number;
  /** Updates between drops. */
  stepSize: number;
  /** The factor applied at each drop (default 0.1). */
  gamma?: number;
}

/**
 * Drops the rate by `gamma` every `stepSize` updates (PyTorch `StepLR`).
 *
 * lr(step) = initialLearningRate · gamma^⌊step / stepSize⌋
 *
 * @example
 * const lr = stepDecay({ initialLearningRate: 0.1, stepSize: 100, gamma: 0.5 });
 * lr.at(250); // → 0.025
 */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  const initialLearningRate = checkPositive('stepDecay', 'initialLearningRate', options.initialLearningRate);
  const stepSize = checkPositiveInt('stepDecay', 'stepSize', options.stepSize);
  const gamma = checkPositive('stepDecay', 'gamma', options.gamma ?? 0.1);
  return {
    className: 'stepDecay',
    at: (step) => initialLearningRate * gamma ** Math.floor(step / stepSize),
    getConfig: () => ({ initialLearningRate, stepSize, gamma }),
  };
}
