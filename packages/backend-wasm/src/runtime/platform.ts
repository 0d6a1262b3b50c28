import type { WorkerInit } from '../threads/protocol.js';
import type { KernelBuild, LoadOptions } from './loader.js';

/** A started worker thread, as the pool needs it. */
export interface WorkerHandle {
  terminate(): unknown;
}

/**
 * What differs between Node and the browser, in one place. Each package entry installs its own: `index.ts` the
 * browser one (fetch, module Web Workers), `node.ts` — chosen by the `node` export condition — the Node one
 * (file reads, worker_threads). So the browser entry never reaches a `node:` module.
 */
export interface Platform {
  readonly name: 'node' | 'browser';
  /** Logical cores: the default thread count. */
  cores(): number;
  /** Whether worker threads can share the kernels' memory, and if not, what the user can do about it. */
  sharedMemory(): { ok: true } | { ok: false; reason: string };
  /** Called for each backend that runs on one thread for `reason` (the browser says so on the console, once). */
  noteSingleThread(reason: string): void;
  /** Fetches (browser) or reads (Node) and compiles one kernel build. */
  loadKernels(options: LoadOptions): Promise<KernelBuild>;
  /** Synchronous loading, where the platform can (Node). */
  readonly loadKernelsSync?: (options: LoadOptions) => KernelBuild;
  /** Starts a kernel worker; `ready` or `failed` is called once. */
  startWorker(init: WorkerInit, ready: () => void, failed: (reason: string) => void): WorkerHandle;
  /** Runs `fn` when the process exits (Node); browsers tear workers down with the page. */
  onExit(fn: () => void): void;
}

let current: Platform | null = null;

/** Installs the platform of the entry that was imported. */
export function setPlatform(p: Platform): void {
  current = p;
}

/** The installed platform. */
export function platform(): Platform {
  if (!current)
    throw new Error('wasm backend: no platform installed (import @rectify/backend-wasm, not its internal files)');
  return current;
}
