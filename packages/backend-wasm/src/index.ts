/**
 * `@rectify/backend-wasm` for browsers (and any runtime without the `node` export condition): importing it registers
 * the 'wasm' backend with priority 2; call `await ready('wasm')` before the first op, since the kernels are fetched.
 * Node resolves `node.ts` instead (synchronous start-up, worker_threads); this entry reaches no `node:` module.
 */
import { registerWasm } from './register.js';
import { browserPlatform } from './runtime/browser.js';

export { FusedOps, WasmBackend, type WasmBackendOptions, getWasmBackend, setWasmThreads } from './register.js';

registerWasm(browserPlatform);
