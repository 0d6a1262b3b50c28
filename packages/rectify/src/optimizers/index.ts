export {
  Optimizer,
  asOptions,
  type OptimizerOptions,
  type OptimizerConfig,
  type GradientList,
  type NamedTensor,
} from './optimizer.js';
export { SGD, sgd, type SGDOptions } from './sgd.js';
export { Adam, adam, type AdamOptions } from './adam.js';
export { AdamW, adamw, type AdamWOptions } from './adamw.js';
export { RMSprop, rmsprop, type RMSpropOptions } from './rmsprop.js';
export { Adagrad, adagrad, type AdagradOptions } from './adagrad.js';
export { Adamax, adamax, type AdamaxOptions } from './adamax.js';
export { Adadelta, adadelta, type AdadeltaOptions } from './adadelta.js';
export { clipByNorm, clipByGlobalNorm, clipGradients, l2Norm, type ClipOptions } from './clipping.js';
export {
  optimizerFactories,
  getOptimizer,
  serializeOptimizer,
  type OptimizerName,
  type OptimizerIdentifier,
  type SerializedOptimizer,
} from './registry.js';
export * as schedules from './schedules/index.js';
