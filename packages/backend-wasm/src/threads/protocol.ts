/**
 * The control block shared by the main thread and its workers: one slot of 32-bit words per worker, driven with
 * Atomics. This file has no imports, so the worker script loads without resolving any package.
 */
export const SLOT = 16;
/** Word offsets inside a slot. */
export const STATE = 0;
export const SEQ = 1;
export const DONE = 2;
export const TASK = 3;
export const ARGS = 4;
export const TID = 5;
export const NT = 6;
export const ERROR = 7;
/** The current task's hand-off: the main thread posts it, then either the worker claims it or the main thread takes it back. */
export const JOB = 8;

/** Slot states. */
export const BOOTING = 0;
export const READY = 1;
export const STOPPING = 2;
export const FAILED = 3;

/** Task hand-off states (word JOB). */
export const IDLE = 0;
export const POSTED = 1;
export const RUNNING = 2;
export const CANCELLED = 3;

/** Task names in a fixed order: a worker is told which task to run by its index here. */
export const TASKS = [
  'gemm',
  'unary',
  'biasUnary',
  'binary',
  'reduce',
  'pool',
  'poolGrad',
  'adam',
  'convForward',
  'convFilterGrad',
  'convInputGrad',
  'sumChunks',
  'convDirect',
  'convDirectFilterGrad',
  'softmax',
  'lstmCell',
  'gruCell',
  'lstmSequence',
  'convImplicit',
  'padImages',
  'convImplicitFilterGrad',
  'poolTiled',
] as const;
export type TaskName = (typeof TASKS)[number];

/** What a worker receives when it starts. */
export interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly ctrl: Int32Array;
  readonly slot: number;
  /** Milliseconds a worker polls for the next task before it sleeps in Atomics.wait. */
  readonly spinMs: number;
}
