import { engine, registerBackend } from '@rectify/tensor';
import { WasmBackend, type WasmBackendOptions } from './backend.js';
import { type Platform, platform, setPlatform } from './runtime/platform.js';

// What both entries (index.ts for browsers, node.ts for Node) export.
export { WasmBackend, type WasmBackendOptions } from './backend.js';
export { FusedOps } from './fused.js';

let options: WasmBackendOptions = {};
let instance: WasmBackend | null = null;
let loading: Promise<WasmBackend> | null = null;

function factory(): WasmBackend | Promise<WasmBackend> {
  if (instance) return instance;
  if (platform().loadKernelsSync) return (instance = WasmBackend.createSync(options));
  if (!loading) {
    loading = WasmBackend.create(options).then((b) => (instance = b));
    // The engine may drop this promise while it looks for a synchronous default; `ready('wasm')` picks it up.
    loading.catch(() => undefined);
  }
  return loading;
}

/** Installs the entry's platform and registers the 'wasm' backend (priority 2) unless it already is. */
export function registerWasm(p: Platform): void {
  setPlatform(p);
  if (!engine.backendNames().includes('wasm')) registerBackend('wasm', factory, 2);
}

/**
 * Sets the thread count of the registered 'wasm' backend (now, or when it initialises). Default: the number of cores.
 * Browsers run more than one only on cross-origin isolated pages.
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
