import { BackendError } from '@rectify/tensor';
import type { KernelExports } from '../runtime/loader.js';
import type { Platform, WorkerHandle } from '../runtime/platform.js';
import {
  ARGS,
  CANCELLED,
  DONE,
  ERROR,
  FAILED,
  IDLE,
  JOB,
  NT,
  POSTED,
  READY,
  SEQ,
  SLOT,
  STATE,
  STOPPING,
  TASK,
  TASKS,
  TID,
  type TaskName,
  type WorkerInit,
} from './protocol.js';

/** Iterations the main thread polls for a worker's result before it waits (Node; browsers only poll). */
const SPIN = 4000;
/** How long an idle worker polls for the next task before sleeping. */
const WORKER_SPIN_MS = Number(globalThis.process?.env?.RECTIFY_WASM_SPIN_MS ?? 0.05);

/**
 * Worker threads that run kernel tasks on the shared WebAssembly memory. The main thread posts a task to each
 * helper's control slot, runs its own share, then for each helper either waits for its share or — if the helper
 * has not claimed the task yet (asleep, or descheduled on a busy machine) — takes the task back and runs that share
 * itself. So a slow helper never costs more than running on one thread. No messages, no copies. Workers start in
 * the background; until one reports ready, tasks run with fewer threads. Workers never keep a Node process alive
 * (they are unref'd) and are terminated when the process exits.
 */
export class ThreadPool {
  private readonly ctrl: Int32Array;
  private readonly handles: WorkerHandle[] = [];
  private readonly seqs: number[] = [];
  /** Whether the main thread may block (Atomics.wait): in Node, not in a browser's page. */
  readonly mainCanWait: boolean;
  private stopped = false;
  /** Resolves when every worker has started (or failed to). */
  readonly ready: Promise<void>;

  constructor(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    readonly helpers: number,
    private readonly platform: Platform,
  ) {
    this.ctrl = new Int32Array(new SharedArrayBuffer(Math.max(1, helpers) * SLOT * 4));
    this.mainCanWait = canBlock(this.ctrl);
    const started: Array<Promise<void>> = [];
    for (let w = 0; w < helpers; w++) {
      const init: WorkerInit = { module, memory, ctrl: this.ctrl, slot: w, spinMs: WORKER_SPIN_MS };
      this.seqs.push(0);
      started.push(this.spawn(init));
    }
    this.ready = Promise.all(started).then(() => undefined);
  }

  /** Starts one worker; the promise settles when it reports ready or fails (a failed worker is never used). */
  private spawn(init: WorkerInit): Promise<void> {
    return new Promise((resolve) => {
      const failed = () => {
        Atomics.store(this.ctrl, init.slot * SLOT + STATE, FAILED);
        resolve();
      };
      this.handles.push(this.platform.startWorker(init, resolve, failed));
    });
  }

  /** Helpers that are running and can take tasks now. */
  readyHelpers(): number {
    let n = 0;
    for (let w = 0; w < this.helpers; w++) if (Atomics.load(this.ctrl, w * SLOT + STATE) === READY) n++;
    return n;
  }

  /**
   * Runs `task` on `threads` threads (the main thread is thread 0, fewer if helpers are still starting) and returns
   * when all are done.
   */
  run(exports: KernelExports, task: TaskName, args: number, threads: number): void {
    const ids: number[] = [];
    for (let w = 0; w < this.helpers && ids.length < threads - 1; w++) {
      if (Atomics.load(this.ctrl, w * SLOT + STATE) === READY) ids.push(w);
    }
    const nt = ids.length + 1;
    const index = TASKS.indexOf(task);
    ids.forEach((w, i) => {
      const b = w * SLOT;
      this.ctrl[b + TASK] = index;
      this.ctrl[b + ARGS] = args;
      this.ctrl[b + TID] = i + 1;
      this.ctrl[b + NT] = nt;
      this.seqs[w] = (this.seqs[w]! + 1) | 0;
      Atomics.store(this.ctrl, b + SEQ, this.seqs[w]!);
      Atomics.store(this.ctrl, b + JOB, POSTED);
      Atomics.notify(this.ctrl, b + SEQ);
    });
    let failure: unknown = null;
    try {
      exports[task](args, 0, nt);
    } catch (err) {
      failure = err;
    }
    ids.forEach((w, i) => {
      const b = w * SLOT;
      if (Atomics.compareExchange(this.ctrl, b + JOB, POSTED, CANCELLED) === POSTED) {
        // The helper had not started: its share runs here (claim-based tasks find nothing left and return).
        try {
          if (!failure) exports[task](args, i + 1, nt);
        } catch (err) {
          failure = err;
        }
        Atomics.store(this.ctrl, b + JOB, IDLE);
      } else this.await(w);
    });
    if (failure) throw failure;
  }

  private await(w: number): void {
    const b = w * SLOT;
    const seq = this.seqs[w]!;
    for (let i = 0; Atomics.load(this.ctrl, b + DONE) !== seq; i++) {
      if (i > SPIN && this.mainCanWait) Atomics.wait(this.ctrl, b + DONE, Atomics.load(this.ctrl, b + DONE), 1);
      if (Atomics.load(this.ctrl, b + STATE) !== READY)
        throw new BackendError(`wasm backend: worker thread ${w + 1} stopped while running a task`);
    }
    if (Atomics.exchange(this.ctrl, b + ERROR, 0) !== 0) {
      throw new BackendError(
        `wasm backend: a kernel task failed in worker thread ${w + 1} (out-of-bounds access or trap)`,
      );
    }
  }

  /** Stops and terminates every worker. Idempotent. */
  shutdown(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (let w = 0; w < this.helpers; w++) {
      const b = w * SLOT;
      Atomics.store(this.ctrl, b + STATE, STOPPING);
      Atomics.add(this.ctrl, b + SEQ, 1);
      Atomics.notify(this.ctrl, b + SEQ);
    }
    for (const h of this.handles) void h.terminate();
  }
}

/** Browsers forbid Atomics.wait on the main thread; there the pool only polls. */
function canBlock(ctrl: Int32Array): boolean {
  try {
    Atomics.wait(ctrl, 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}
