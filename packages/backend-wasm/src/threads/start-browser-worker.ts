import type { WorkerHandle } from '../runtime/platform.js';
import type { WorkerInit } from './protocol.js';

let warned = false;

/**
 * Starts a kernel worker as a module Web Worker. The URL is written literally inside `new Worker(…)` (this module and
 * worker.js are both built into dist/threads/): the one form bundlers recognise to bundle a worker and rewrite its URL.
 * A worker that fails to start is never used; the first failure is reported on the console.
 */
export function startBrowserWorker(
  init: WorkerInit,
  ready: () => void,
  failed: (reason: string) => void,
): WorkerHandle {
  const fail = (reason: string) => {
    if (!warned) {
      warned = true;
      console.warn(
        `wasm backend: a worker thread failed to start (${reason}); kernels run on fewer threads. Check that your ` +
          'bundler emitted the worker script of @rectify/backend-wasm (threads/worker.js, a module worker)',
      );
    }
    failed(reason);
  };
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  } catch (err) {
    fail((err as Error).message);
    return { terminate: () => undefined };
  }
  worker.onmessage = () => ready();
  worker.onerror = (e) => {
    e.preventDefault();
    fail(e.message || 'the script could not be loaded');
  };
  worker.postMessage(init);
  return worker;
}
