// The loop every kernel worker runs: instantiates the kernel module over the shared memory, then runs the tasks the
// main thread posts in its control slot until told to stop. The browser worker (worker.ts) and the Node one
// (node-worker.ts) differ only in how they receive `init` and say they are ready.
import { kernelImports } from '../runtime/imports.js';
import {
  ARGS,
  DONE,
  ERROR,
  FAILED,
  IDLE,
  JOB,
  NT,
  POSTED,
  READY,
  RUNNING,
  SEQ,
  SLOT,
  STATE,
  STOPPING,
  TASK,
  TASKS,
  TID,
  type WorkerInit,
} from './protocol.js';

type Task = (args: number, tid: number, nt: number) => void;

/** Serves tasks until the main thread stops this worker. */
export function serve(init: WorkerInit, signalReady: () => void): void {
  const { ctrl, slot, spinMs } = init;
  const base = slot * SLOT;
  let tasks: Task[];
  try {
    const exports = new WebAssembly.Instance(init.module, kernelImports(init.memory)).exports as Record<string, Task>;
    tasks = TASKS.map((name) => exports[name]!);
  } catch (err) {
    Atomics.store(ctrl, base + STATE, FAILED);
    throw err;
  }
  Atomics.store(ctrl, base + STATE, READY);
  signalReady();
  let seen = Atomics.load(ctrl, base + SEQ);
  let idleSince = performance.now();
  for (;;) {
    let seq = Atomics.load(ctrl, base + SEQ);
    // Poll for a while before sleeping: in a training step the next large kernel follows within tens of
    // microseconds, and a wake-up from Atomics.wait costs about 25 µs each time (as OpenMP's spin-then-block).
    for (let i = 1; seq === seen; i++) {
      if ((i & 255) === 0 && performance.now() - idleSince > spinMs) break;
      seq = Atomics.load(ctrl, base + SEQ);
    }
    if (seq === seen) {
      Atomics.wait(ctrl, base + SEQ, seen);
      idleSince = performance.now();
      continue;
    }
    seen = seq;
    if (Atomics.load(ctrl, base + STATE) === STOPPING) return;
    // Claim the task; if the main thread has taken it back (it did our share itself), there is nothing to do.
    if (Atomics.compareExchange(ctrl, base + JOB, POSTED, RUNNING) !== POSTED) continue;
    // The claimed task may be newer than the one that woke us: its number is read after the claim.
    seq = seen = Atomics.load(ctrl, base + SEQ);
    try {
      tasks[ctrl[base + TASK]!]!(ctrl[base + ARGS]!, ctrl[base + TID]!, ctrl[base + NT]!);
    } catch {
      Atomics.store(ctrl, base + ERROR, 1);
    }
    Atomics.store(ctrl, base + JOB, IDLE);
    Atomics.store(ctrl, base + DONE, seq);
    Atomics.notify(ctrl, base + DONE);
    idleSince = performance.now();
  }
}
