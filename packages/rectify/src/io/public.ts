/**
 * `rf.io`: where models are saved and loaded, as in TensorFlow.js — routers by URL scheme, the browser handlers,
 * and the management of stored models.
 */
export { registerSaveRouter, registerLoadRouter, getSaveHandler, getLoadHandler, type IORouter } from './router.js';
export type { IOHandler, ModelArtifacts, ModelFile, SaveResult, TransportOptions } from './artifacts.js';
export type { ModelSource, ReadLimit } from '@rectify/interop';
export { modelArtifacts, filesWeWrote } from './model-artifacts.js';
export { modelFromSource } from './model-from-source.js';
export { indexedDB } from './handlers/indexeddb.js';
export { localStorage } from './handlers/local-storage.js';
export { browserDownloads } from './handlers/downloads.js';
export { http } from './handlers/http.js';
export { browserFiles } from './handlers/browser-files.js';
export { memorySource, type ModelInfo } from './handlers/stored-model.js';
export { listModels, removeModel, copyModel, moveModel } from './model-management.js';
