/**
 * Rectify for Node (chosen by the `node` export condition): everything of the browser entry, plus the `file://`
 * IO handler — `model.save('./dir')`, `rf.loadModel('file://dir')` — and, through @rectify/interop's Node entry,
 * the file system behind exportOnnx(model, path), saveWeights and the other path-taking functions.
 */
import '@rectify/interop';
import { fileRouter } from './io/node/file-handler.js';
import { registerLoadRouter, registerSaveRouter } from './io/router.js';

registerSaveRouter(fileRouter);
registerLoadRouter(fileRouter);

export * from './index.js';
export { fileSystem } from './io/node/file-handler.js';
