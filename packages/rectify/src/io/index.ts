export { loadModel, type LoadOptions } from './load.js';
export { saveModel } from './save.js';
export { SAVE_FORMATS, type SaveFormat, type SaveOptions, type SaveResult, saveFormat, saveTfjsModel } from './save-formats.js';
export { loadTfjsModel } from './load-tfjs.js';
export { WEIGHTS_FORMATS, type WeightsFormat, type WeightsOptions, loadWeightsFile, saveWeightsFile } from './weights-file.js';
// One atomic writer for every file Rectify saves; it lives in the lowest package that writes files.
export { writeFileAtomic } from '@rectify/interop';
export { FORMAT_VERSION, MODEL_FORMAT, type ModelJson, type WeightEntry, type WeightsManifest } from './format.js';
