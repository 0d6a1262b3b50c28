/**
 * `@rectify/backend-wasm`: a WebAssembly SIMD, multi-threaded backend. Importing it registers the 'wasm' backend
 * with priority 2, so it becomes the default wherever it loads synchronously (Node); in a browser call
 * `await ready('wasm')`. `setBackend('cpu')` still selects the TypeScript reference.
 */
import { engine, registerBackend } from '@rectify/tensor';
import { WasmBackend, type WasmBackendOptions } from './backend.js';
import { isNode } from './runtime/platform.js';

export { WasmBackend, type WasmBackendOptions } from './backend.js';
export { FusedOps } from './fused.js';

let options: WasmBackendOptions = {};
let instance: WasmBackend | null = null;
let loading: Promise<WasmBackend> | null = null;

function factory(): WasmBackend | Promise<WasmBackend> {
  if (instance) return instance;
  if (isNode) return (instance = WasmBackend.createSync(options));
  if (!loading) {
    loading = WasmBackend.create(options).then((b) => (instance = b));
    // The engine may drop this promise while it looks for a synchronous default; `ready('wasm')` picks it up.
    loading.catch(() => undefined);
  }
  return loading;
}

if (!engine.backendNames().includes('wasm')) registerBackend('wasm', factory, 2);

/**
 * Sets the thread count of the registered 'wasm' backend (now, or when it initialises). Default: the number of cores.
 * @example setWasmThreads(1); // deterministic single-threaded runs
 */
export function setWasmThreads(threads: number): void {
  options = { ...options, threads };
  instance?.setThreads(threads);
}

/**
 * The registered 'wasm' backend if it has initialised, else undefined.
 * @example getWasmBackend()?.info.threads
 */
export function getWasmBackend(): WasmBackend | undefined {
  return instance ?? undefined;
}
