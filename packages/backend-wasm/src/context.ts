import { BackendError, type DType, type TensorInfo } from '@rectify/tensor';
import type { KernelExports } from './runtime/loader.js';
import { type Heap, WasmData } from './runtime/heap.js';
import type { ThreadPool } from './threads/pool.js';
import type { TaskName } from './threads/protocol.js';

/** Words in the parameter block every task reads its arguments from. */
const ARG_WORDS = 32;
/** The word threads claim units of work from (assembly/common.ts COUNTER); zeroed before every task. */
const COUNTER = 31;

/**
 * What kernels share: the memory, the kernel exports, the parameter block and the threads. A kernel writes its
 * parameters with `args32`/`argF`, then calls `run`, which runs the task on one thread or on all of them.
 */
export class Context {
  readonly args: number;
  private gemmScratchPtr = 0;
  private gemmScratchSize = 0;
  private gemmScratchThreads = 0;
  /** Threads a large task runs on (main thread included). */
  threads = 1;
  /** Split every task across the threads, however small (tests use this to exercise every partition). */
  alwaysParallel = false;

  /** Worker threads, when memory is shared. */
  pool: ThreadPool | null = null;

  constructor(
    readonly heap: Heap,
    readonly exports: KernelExports,
  ) {
    this.args = heap.scratch(ARG_WORDS * 4);
  }

  argF(i: number, v: number): void {
    this.heap.f32[(this.args >> 2) + i] = v;
  }

  /** Sets parameters 0, 1, 2 … from a list of integers (pointers, sizes, flags). */
  args32(values: readonly number[]): void {
    const i32 = this.heap.i32;
    const base = this.args >> 2;
    for (let i = 0; i < values.length; i++) i32[base + i] = values[i]!;
  }

  /** Runs `task` with the current parameters, on every thread when `parallel` and helpers are up. */
  run(task: TaskName, parallel: boolean): void {
    this.heap.i32[(this.args >> 2) + COUNTER] = 0;
    if ((parallel || this.alwaysParallel) && this.pool && this.threads > 1)
      this.pool.run(this.exports, task, this.args, this.threads);
    else this.exports[task](this.args, 0, 1);
  }

  /** The buffer behind a kernel input. */
  data(t: TensorInfo): WasmData {
    const d = t.dataId;
    if (!(d instanceof WasmData) || d.disposed) {
      throw new BackendError(
        'wasm backend: buffer not found (was the tensor disposed, or created by another backend?)',
      );
    }
    return d;
  }

  out(dtype: DType, length: number): WasmData {
    return this.heap.alloc(dtype, length);
  }

  /** GEMM packing scratch for every thread: [pointer, bytes per thread]. */
  gemmScratch(): [number, number] {
    const per = this.exports.gemmScratchBytes();
    const threads = Math.max(1, this.threads);
    if (this.gemmScratchThreads < threads) {
      if (this.gemmScratchPtr) this.heap.freeScratch(this.gemmScratchPtr, this.gemmScratchSize);
      this.gemmScratchSize = per * threads;
      this.gemmScratchPtr = this.heap.scratch(this.gemmScratchSize);
      this.gemmScratchThreads = threads;
    }
    return [this.gemmScratchPtr, per];
  }
}
