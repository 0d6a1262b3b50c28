import { ValueError } from '@rectify/tensor';
import { checkNonNegative, checkPositiveInt } from '../../checks.js';
import { isSchedule, type LearningRateSchedule } from './schedule.js';

export interface WarmupOptions {
  /** Updates spent ramping up. */
  warmupSteps: number;
  /** What follows the ramp: a fixed rate or another schedule, which then starts at its own step 0. */
  after: number | LearningRateSchedule;
  /** Where the ramp starts (default 0). */
  initialLearningRate?: number;
}

/**
 * A linear ramp from `initialLearningRate` up to the rate `after` starts with, then `after` itself, shifted by
 * `warmupSteps` (the warmup of Keras' `CosineDecay`). Large learning rates early in training, before Adam's
 * second-moment estimates settle, are a common cause of divergence; a short warmup avoids it.
 *
 * lr(step) = initial + (target − initial) · step / warmupSteps for step < warmupSteps, else after(step − warmupSteps)
 *
 * @example
 * const lr = warmup({ warmupSteps: 100, after: cosineDecay({ initialLearningRate: 1e-3, decaySteps: 1000 }) });
 * lr.at(50); // → 5e-4
 */
export function warmup(options: WarmupOptions): LearningRateSchedule {
  const warmupSteps = checkPositiveInt('warmup', 'warmupSteps', options.warmupSteps);
  const initialLearningRate = checkNonNegative('warmup', 'initialLearningRate', options.initialLearningRate ?? 0);
  const { after } = options;
  if (!isSchedule(after) && !(typeof after === 'number' && after > 0 && Number.isFinite(after))) {
    throw new ValueError(
      `warmup: after must be a positive number or a learning-rate schedule, received ${String(after)}`,
    );
  }
  const rest = (step: number): number => (typeof after === 'number' ? after : after.at(step));
  const target = rest(0);
  return {
    className: 'warmup',
    at: (step) =>
      step < warmupSteps
        ? initialLearningRate + ((target - initialLearningRate) * step) / warmupSteps
        : rest(step - warmupSteps),
    getConfig: () => ({
      warmupSteps,
      initialLearningRate,
      after: typeof after === 'number' ? after : { className: after.className, config: after.getConfig() },
    }),
  };
}
