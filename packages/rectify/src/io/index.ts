export { loadModel, type LoadOptions } from './load.js';
export { saveModel, type SaveResult } from './save.js';
export { writeFileAtomic } from './atomic-write.js';
export { FORMAT_VERSION, MODEL_FORMAT, type ModelJson, type WeightEntry, type WeightsManifest } from './format.js';
