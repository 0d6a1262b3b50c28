/**
 * @rectify/interop for Node (the `node` export condition): everything of the browser entry, with the file system
 * registered so that exportOnnx(model, path), saveTfjs, loadTfjs and the safetensors file helpers work.
 */
import { registerFilePort } from './files/file-port.js';
import { nodeFilePort } from './node/node-file-port.js';

registerFilePort(nodeFilePort);

export * from './index.js';
export {
  isStaleTemp,
  removeStaleTemps,
  writeDirAtomic,
  writeFileAtomicSync,
  writeFileSynced,
} from './node/atomic-write.js';
export { fsError } from './node/fs-errors.js';
export { readRegularFile, type ReadPlan } from './node/bounded-read.js';
