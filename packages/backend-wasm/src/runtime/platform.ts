import type { Worker as NodeWorker, WorkerOptions as NodeWorkerOptions } from 'node:worker_threads';

/**
 * What differs between Node and the browser, in one place. Node's built-in modules are loaded with a top-level
 * dynamic import, so this module still loads in a browser (where that branch never runs).
 */
export const isNode: boolean = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

export interface NodeApi {
  readonly readFileSync: (url: URL) => Uint8Array<ArrayBuffer>;
  readonly Worker: new (url: URL, options: NodeWorkerOptions) => NodeWorker;
  readonly cores: () => number;
  readonly setV8Flags: (flags: string) => void;
}

async function loadNode(): Promise<NodeApi> {
  const [fs, wt, os, v8] = await Promise.all([import('node:fs'), import('node:worker_threads'), import('node:os'), import('node:v8')]);
  return {
    readFileSync: (url) => new Uint8Array(fs.readFileSync(url)),
    Worker: wt.Worker,
    cores: () => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length),
    setV8Flags: (flags) => v8.setFlagsFromString(flags),
  };
}

export const nodeApi: NodeApi | null = isNode ? await loadNode() : null;

/** Logical cores: the default thread count. */
export function coreCount(): number {
  if (nodeApi) return Math.max(1, nodeApi.cores());
  const hc = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return typeof hc === 'number' && hc > 0 ? hc : 1;
}

/**
 * Whether worker threads can share the kernels' memory, and if not, why: a browser page must be cross-origin
 * isolated (COOP/COEP headers) to get SharedArrayBuffer.
 */
export function sharedMemorySupport(): { ok: true } | { ok: false; reason: string } {
  if (!isNode && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== true) {
    return { ok: false, reason: 'the page is not cross-origin isolated (serve it with COOP: same-origin and COEP: require-corp)' };
  }
  if (typeof SharedArrayBuffer !== 'function') return { ok: false, reason: 'SharedArrayBuffer is unavailable' };
  if (!isNode && typeof Worker !== 'function') return { ok: false, reason: 'Web Workers are unavailable' };
  return { ok: true };
}
