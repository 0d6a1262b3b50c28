import { BackendError, type DType, type TensorInfo } from '@rectify/tensor';
import type { KernelExports } from './runtime/loader.js';
import { type Heap, WasmData } from './runtime/heap.js';
import type { ThreadPool } from './threads/pool.js';
import type { TaskName } from './threads/protocol.js';
import {
  ARG_WORDS,
  AdamArgs,
  BiasUnaryArgs,
  BinaryArgs,
  COUNTER,
  ConvArgs,
  FLOAT_SLOTS,
  GemmArgs,
  GruArgs,
  LstmArgs,
  LstmSeqArgs,
  PadArgs,
  PoolArgs,
  ReduceArgs,
  SoftmaxArgs,
  SumChunksArgs,
  UnaryArgs,
} from './abi.js';

/**
 * Each task's parameter slots, from abi.ts (the file the AssemblyScript kernels read them by). Typed by the task
 * list, so a new task needs its slots named here.
 */
const TASK_ARGS = {
  gemm: GemmArgs,
  unary: UnaryArgs,
  biasUnary: BiasUnaryArgs,
  binary: BinaryArgs,
  reduce: ReduceArgs,
  pool: PoolArgs,
  poolGrad: PoolArgs,
  adam: AdamArgs,
  convForward: ConvArgs,
  convFilterGrad: ConvArgs,
  convInputGrad: ConvArgs,
  sumChunks: SumChunksArgs,
  convDirect: ConvArgs,
  convDirectFilterGrad: ConvArgs,
  softmax: SoftmaxArgs,
  lstmCell: LstmArgs,
  gruCell: GruArgs,
  lstmSequence: LstmSeqArgs,
  convImplicit: ConvArgs,
  padImages: PadArgs,
  convImplicitFilterGrad: ConvArgs,
  poolTiled: PoolArgs,
} as const satisfies { readonly [T in TaskName]: object };

/** A task's parameters by name: every slot of its abi.ts enum, 0 where a task variant leaves one unused. */
export type TaskParams<T extends TaskName> = {
  readonly [K in Extract<keyof (typeof TASK_ARGS)[T], string>]: number;
};

/** [name, word] pairs of every task's slots, the enums' reverse mappings left out. */
export const TASK_SLOTS = Object.fromEntries(
  Object.entries(TASK_ARGS).map(([task, slots]) => [
    task,
    Object.entries(slots).filter((e): e is [string, number] => typeof e[1] === 'number'),
  ]),
) as unknown as { readonly [T in TaskName]: readonly (readonly [string, number])[] };

/**
 * What kernels share: the memory, the kernel exports, the parameter block and the threads. A kernel calls `run`
 * with its task's parameters by name; `run` writes them to their slots and runs the task on one thread or on all.
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

  /** Runs `task` with `params`, on every thread when `parallel` and helpers are up. */
  run<T extends TaskName>(task: T, params: TaskParams<T>, parallel: boolean): void {
    const base = this.args >>> 2;
    const { i32, f32 } = this.heap;
    const values = params as Readonly<Record<string, number>>;
    for (const [name, slot] of TASK_SLOTS[task]) {
      if (slot >= FLOAT_SLOTS) f32[base + slot] = values[name]!;
      else i32[base + slot] = values[name]!;
    }
    i32[base + COUNTER] = 0;
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
