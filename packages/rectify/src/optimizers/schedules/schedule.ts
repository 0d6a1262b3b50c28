/**
 * A learning rate that changes with the optimizer's step count, as Keras' `LearningRateSchedule`. An optimizer
 * given a schedule asks it for the rate before every update, passing the number of updates done so far (0 first).
 */
export interface LearningRateSchedule {
  /** The factory's name; `deserializeSchedule` finds the factory by it. */
  readonly className: string;
  /** The learning rate for update number `step` (0 for the first update). */
  at(step: number): number;
  getConfig(): Record<string, unknown>;
}

/** A schedule as model.json stores it. */
export interface SerializedSchedule {
  readonly className: string;
  readonly config: Record<string, unknown>;
}

/**
 * Whether `x` is a learning-rate schedule (anything with `at(step)`), as opposed to a fixed rate.
 * @example isSchedule(cosineDecay({ initialLearningRate: 0.1, decaySteps: 100 })); // → true
 */
export function isSchedule(x: unknown): x is LearningRateSchedule {
  return typeof x === 'object' && x !== null && typeof (x as LearningRateSchedule).at === 'function';
}
