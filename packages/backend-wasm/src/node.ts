/**
 * `@rectify/backend-wasm` in Node (the `node` export condition): importing it registers the 'wasm' backend with
 * priority 2; it initialises synchronously, so it becomes the default. Threads run on worker_threads.
 */
import { registerWasm } from './register.js';
import { nodePlatform } from './runtime/node.js';

export { FusedOps, WasmBackend, type WasmBackendOptions, getWasmBackend, setWasmThreads } from './register.js';

registerWasm(nodePlatform);
