import { Worker } from 'node:worker_threads';
import type { WorkerPort } from '../workers/spawn.js';
import { WORKER_BODY } from '../workers/worker-body.js';

/** The Node prelude: an eval worker is a CommonJS script, so `require` reaches worker_threads' parentPort. */
const NODE_PRELUDE = `const { parentPort } = require('node:worker_threads');
const post = (m, t) => parentPort.postMessage(m, t);
const receive = (f) => parentPort.on('message', f);
`;

/**
 * A worker_threads worker running the map program. It holds the process open only while calls are pending, so a
 * pass that is abandoned without being closed does not keep Node from exiting.
 */
export function nodeWorker(): WorkerPort {
  const worker = new Worker(NODE_PRELUDE + WORKER_BODY, { eval: true, name: 'rf.data map' });
  worker.unref();
  let terminating = false;
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.on('message', onMessage);
      worker.on('error', (error) => onFailure(new Error(`the worker failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => {
        if (!terminating) onFailure(new Error(`the worker exited unexpectedly (code ${code})`));
      });
    },
    hold: (busy) => (busy ? worker.ref() : worker.unref()),
    async terminate() {
      terminating = true;
      await worker.terminate();
    },
  };
}
