export { LayersModel, type SummaryRow } from './layers-model.js';
export { Sequential, sequential, type SequentialArgs, type SequentialConfig } from './sequential.js';
export { Model, model, type ModelArgs } from './model.js';
export { summarize, type SummaryOptions } from './summary.js';
export { initializerHint } from './init-hints.js';
