import { ValueError } from '@rectify/tensor';
import { cosineDecay } from './cosine-decay.js';
import { exponentialDecay } from './exponential-decay.js';
import type { LearningRateSchedule, SerializedSchedule } from './schedule.js';
import { stepDecay } from './step-decay.js';
import { warmup } from './warmup.js';

/**
 * Every schedule factory, keyed by the className its schedules carry. The registry is this object.
 * @example Object.keys(schedules); // → ['stepDecay', 'exponentialDecay', 'cosineDecay', 'warmup']
 */
export const schedules = { stepDecay, exponentialDecay, cosineDecay, warmup } as const;

export type ScheduleName = keyof typeof schedules;

/**
 * `{className, config}`, as model.json stores a schedule.
 * @example serializeSchedule(stepDecay({ initialLearningRate: 0.1, stepSize: 10 })); // { className: 'stepDecay', config: {…} }
 */
export function serializeSchedule(s: LearningRateSchedule): SerializedSchedule {
  return { className: s.className, config: s.getConfig() };
}

/**
 * Rebuilds a schedule from `{className, config}` (as model.json stores it). Nested schedules (warmup's `after`)
 * are rebuilt too.
 * @example deserializeSchedule({ className: 'stepDecay', config: { initialLearningRate: 0.1, stepSize: 10 } })
 */
export function deserializeSchedule(s: SerializedSchedule): LearningRateSchedule {
  const name = s?.className;
  if (typeof name !== 'string' || !Object.hasOwn(schedules, name)) {
    throw new ValueError(
      `deserializeSchedule: unknown schedule ${JSON.stringify(name)}; known schedules: ${Object.keys(schedules).join(', ')}`,
    );
  }
  if (typeof s.config !== 'object' || s.config === null) {
    throw new ValueError(
      `deserializeSchedule: config of '${name}' must be an object, received ${JSON.stringify(s.config)}`,
    );
  }
  const config: Record<string, unknown> = { ...s.config };
  const after = config['after'];
  if (typeof after === 'object' && after !== null) config['after'] = deserializeSchedule(after as SerializedSchedule);
  return (schedules[name as ScheduleName] as (c: unknown) => LearningRateSchedule)(config);
}
