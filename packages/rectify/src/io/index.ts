export { loadModel, type LoadOptions } from './load.js';
export { saveModel } from './save.js';
export { SAVE_FORMATS, type SaveFormat, type SaveOptions, saveFormat } from './save-formats.js';
export type { SaveResult, ModelArtifacts, ModelFile, IOHandler, TransportOptions } from './artifacts.js';
export {
  WEIGHTS_FORMATS,
  type WeightsFormat,
  type WeightsOptions,
  loadWeightsFile,
  saveWeightsFile,
} from './weights-file.js';
export {
  FORMAT_VERSION,
  MODEL_FORMAT,
  type ModelJson,
  type WeightEntry,
  type WeightsManifest,
  type WeightsShard,
} from './format.js';
export * as io from './public.js';
