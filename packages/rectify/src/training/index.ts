export type { FitOptions } from './fit-options.js';
export type { FitDatasetOptions } from './fit-dataset.js';
export type { CompileArgs, Compiled, CompiledMetric, TrainingConfig } from './compiled.js';
export type { Data } from './data.js';
export { NonFiniteLossError } from './non-finite-loss-error.js';
export { permutation } from './shuffle.js';
export type { TrainableModel } from './trainable.js';
