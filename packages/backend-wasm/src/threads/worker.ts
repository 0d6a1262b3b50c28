// A kernel worker in a browser (a module Web Worker): receives its start-up data as the first message. Built to
// dist/threads/worker.js, next to the module that starts it with new Worker(new URL('./worker.js', import.meta.url)).
import type { WorkerInit } from './protocol.js';
import { serve } from './serve.js';

const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<WorkerInit>) => void) | null;
  postMessage(m: unknown): void;
};
scope.onmessage = (e) => {
  scope.onmessage = null;
  serve(e.data, () => scope.postMessage('ready'));
};
