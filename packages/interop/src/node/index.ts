/**
 * `@rectify/interop/node`: the Node-only file helpers, typed, for other packages and apps (the CLI writes its run
 * folders with the same atomic writer that saves models).
 */
export { isStaleTemp, removeStaleTemps, writeDirAtomic, writeFileAtomicSync, writeFileSynced } from './atomic-write.js';
export { fsError } from './fs-errors.js';
