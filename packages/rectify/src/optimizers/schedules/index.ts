export type { LearningRateSchedule, SerializedSchedule } from './schedule.js';
export { isSchedule } from './schedule.js';
export { stepDecay, type StepDecayOptions } from './step-decay.js';
export { exponentialDecay, type ExponentialDecayOptions } from './exponential-decay.js';
export { cosineDecay, type CosineDecayOptions } from './cosine-decay.js';
export { warmup, type WarmupOptions } from './warmup.js';
export { schedules, serializeSchedule, deserializeSchedule, type ScheduleName } from './registry.js';
