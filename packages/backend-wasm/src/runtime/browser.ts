import { startBrowserWorker } from '../threads/start-browser-worker.js';
import { fetchKernels } from '../wasm/fetch-kernels.js';
import type { Platform } from './platform.js';

/** What a page must do to get threads; said once on the console and in `info.singleThreadReason`. */
export const ENABLE_THREADS =
  'serve the page with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp to enable threads';

let noted = false;

/** Browsers (and Deno, workers …): kernels fetched over HTTP, threads as module Web Workers on a cross-origin isolated page. */
export const browserPlatform: Platform = {
  name: 'browser',
  cores() {
    const hc = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
    return typeof hc === 'number' && hc > 0 ? hc : 1;
  },
  sharedMemory() {
    // Browsers only hand out SharedArrayBuffer to cross-origin isolated pages (COOP + COEP headers).
    if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== true) {
      return { ok: false, reason: `the page is not cross-origin isolated: ${ENABLE_THREADS}` };
    }
    if (typeof SharedArrayBuffer !== 'function') return { ok: false, reason: 'SharedArrayBuffer is unavailable' };
    if (typeof Worker !== 'function') return { ok: false, reason: 'Web Workers are unavailable here' };
    return { ok: true };
  },
  noteSingleThread(reason) {
    if (noted) return;
    noted = true;
    console.info(`wasm backend: running on one thread because ${reason}.`);
  },
  loadKernels: fetchKernels,
  startWorker: startBrowserWorker,
  onExit: () => undefined,
};
