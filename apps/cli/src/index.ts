/**
 * @rectify/cli — the `rectify` command-line trainer. The programmatic entry points are the same functions the
 * commands use.
 */
export { main, buildProgram, type Io, type RunState } from './main.js';
export { CliError, UsageError, EXIT } from './errors.js';
export { loadDataset, datasets, datasetNames } from './datasets/registry.js';
export type { Dataset, DatasetDefinition, LoadOptions, Split, Task } from './datasets/types.js';
export { loadConfigFile, parseConfigText, validateConfig } from './config/load.js';
export { configSchema, type ConfigInput } from './config/schema.js';
export { train, type TrainRequest, type TrainResult } from './train/run.js';
