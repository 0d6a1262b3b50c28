export {
  Callback,
  CallbackList,
  type CallbackHooks,
  type CallbackModel,
  type Logs,
  type TrainingParams,
} from './callback.js';
export { History } from './history.js';
export { EarlyStopping, earlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export { ModelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
export { LearningRateScheduler, type EpochSchedule } from './learning-rate-scheduler.js';
export { LambdaCallback } from './lambda-callback.js';
export { ProgressLogger } from './progress-logger.js';
export {
  ActivationMonitor,
  type ActivationMonitorOptions,
  type ActivityRecord,
  type LayerActivityRecord,
} from './activation-monitor.js';
export type { MonitorMode } from './monitor-mode.js';
