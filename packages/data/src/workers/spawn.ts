import { WORKER_BODY } from './worker-body.js';

/** One worker as the map pool sees it, whatever starts it (worker_threads in Node, `Worker` in browsers). */
export interface WorkerPort {
  post(message: unknown): void;
  /** Called with each message the worker sends, and with an Error if the worker fails or exits. */
  listen(onMessage: (message: unknown) => void, onFailure: (error: Error) => void): void;
  /** Whether the worker may keep a Node process alive (true while calls are pending); browsers ignore it. */
  hold(busy: boolean): void;
  terminate(): Promise<void>;
}

/** Starts a worker running `WORKER_BODY` behind the given prelude. */
export type WorkerSpawner = () => WorkerPort;

/** The browser prelude: `post` and `receive` over the worker global scope. */
const BROWSER_PRELUDE = `const post = (m, t) => self.postMessage(m, t);
const receive = (f) => self.addEventListener('message', (e) => f(e.data));
`;

/** A module worker from a blob URL: `import()` of a module URL works inside it, and nothing must be bundled. */
function browserWorker(): WorkerPort {
  const Ctor = (globalThis as { Worker?: typeof Worker }).Worker;
  if (Ctor === undefined)
    throw new Error('this JavaScript environment has no Worker (in Node, import @rectify/data through its node entry)');
  const url = URL.createObjectURL(new Blob([BROWSER_PRELUDE + WORKER_BODY], { type: 'text/javascript' }));
  const worker = new Ctor(url, { type: 'module', name: 'rf.data map' });
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.addEventListener('message', (e) => onMessage(e.data));
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        onFailure(new Error(`the worker failed: ${e.message || 'it could not start (a Content-Security-Policy without blob: workers?)'}`));
      });
      worker.addEventListener('messageerror', () => onFailure(new Error('a result could not be read from the worker')));
    },
    hold: () => {},
    async terminate() {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
}

let spawner: WorkerSpawner = browserWorker;

/** Sets how workers start (the Node entry installs worker_threads). */
export function setWorkerSpawner(s: WorkerSpawner): void {
  spawner = s;
}

export function spawnWorker(): WorkerPort {
  return spawner();
}
