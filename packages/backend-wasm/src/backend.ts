import {
  type Backend,
  type BackendMemory,
  BackendError,
  type DataId,
  type DType,
  type Kernels,
  type Shape,
  type TensorInfo,
  type TypedArray,
  type BinaryFn,
  type UnaryFn,
  ValueError,
  isBinaryFn,
} from '@rectify/tensor';
import { Context } from './context.js';
import { FusedOps } from './fused.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './kernels/conv.js';
import { delegate } from './kernels/delegate.js';
import { biasActivation, binary, cast, unary, unaryGrad } from './kernels/elementwise.js';
import { gruCell, gruCellGrad } from './kernels/gru.js';
import { lstmCell, lstmCellGrad } from './kernels/lstm.js';
import { concat, gather, slice, transpose } from './kernels/copy-layout.js';
import { matmul } from './kernels/matmul.js';
import { avgPool, avgPoolGrad, maxPool, maxPoolGrad } from './kernels/pool.js';
import { Probe } from './kernels/probe.js';
import { reduce } from './kernels/reduce.js';
import { softmax, softmaxGrad } from './kernels/softmax.js';
import { binaryCandidate, unaryCandidate } from './kernels/op-codes.js';
import { type KernelBuild, instantiate, instantiateAsync } from './runtime/loader.js';
import { Heap, WasmData } from './runtime/heap.js';
import { createMemory } from './runtime/memory.js';
import { type Platform, platform } from './runtime/platform.js';
import { shutdownOnExit } from './threads/exit-hook.js';
import { ThreadPool } from './threads/pool.js';

export interface WasmBackendOptions {
  /** Threads that share large kernels, the calling thread included. Default: the number of logical cores. */
  readonly threads?: number;
  /** Use the relaxed-SIMD build (fused multiply-add) where the engine supports it. Default true. */
  readonly relaxedSimd?: boolean;
}

function checkThreads(n: number): number {
  if (!Number.isInteger(n) || n < 1)
    throw new ValueError(`wasm backend: threads must be a positive integer, received ${n}`);
  return n;
}

/**
 * The WebAssembly backend: kernels compiled from AssemblyScript to SIMD128, tensor buffers in one WebAssembly
 * memory, large kernels shared across worker threads. Create it with `WasmBackend.create()` (anywhere) or
 * `createSync()` (Node); importing the package registers one as the 'wasm' backend.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm';
  readonly kernels: Kernels;
  /** Optional fused kernels outside the primitive set: the Adam update (reached through `engine.runFused`). */
  readonly fused: FusedOps;
  private readonly ctx: Context;
  private readonly probe: Probe;
  private pool: ThreadPool | null = null;
  private forgetPool: (() => void) | null = null;
  private readonly singleThreadReason: string | null;

  /**
   * Loads and compiles the kernels synchronously (Node only).
   * @example const backend = WasmBackend.createSync({ threads: 2 });
   */
  static createSync(options: WasmBackendOptions = {}): WasmBackend {
    const p = platform();
    if (!p.loadKernelsSync) {
      throw new BackendError(
        "wasm backend: synchronous loading needs Node; in a browser use 'await WasmBackend.create()' or 'await ready(\"wasm\")'",
      );
    }
    const threads = checkThreads(options.threads ?? p.cores());
    const shared = p.sharedMemory();
    const build = p.loadKernelsSync({ relaxedSimd: options.relaxedSimd, sharedMemory: shared.ok });
    const { memory, maxBytes } = createMemory(shared.ok);
    return new WasmBackend(
      p,
      build,
      memory,
      maxBytes,
      instantiate(build.module, memory),
      threads,
      shared.ok ? null : shared.reason,
    );
  }

  /**
   * Fetches (browser) or reads (Node) and compiles the kernels.
   * @example registerBackend('wasm4', () => WasmBackend.create({ threads: 4 })); await ready('wasm4');
   */
  static async create(options: WasmBackendOptions = {}): Promise<WasmBackend> {
    const p = platform();
    const threads = checkThreads(options.threads ?? p.cores());
    const shared = p.sharedMemory();
    const build = await p.loadKernels({ relaxedSimd: options.relaxedSimd, sharedMemory: shared.ok });
    const { memory, maxBytes } = createMemory(shared.ok);
    const exports = await instantiateAsync(build.module, memory);
    return new WasmBackend(p, build, memory, maxBytes, exports, threads, shared.ok ? null : shared.reason);
  }

  private constructor(
    private readonly platform: Platform,
    private readonly build: KernelBuild,
    memory: WebAssembly.Memory,
    maxBytes: number,
    exports: ReturnType<typeof instantiate>,
    threads: number,
    singleThreadReason: string | null,
  ) {
    this.singleThreadReason = singleThreadReason;
    if (singleThreadReason) platform.noteSingleThread(singleThreadReason);
    this.ctx = new Context(new Heap(memory, exports.heapBase(), maxBytes), exports);
    const probe = (this.probe = new Probe(this.ctx));
    this.fused = new FusedOps(this.ctx);
    this.setThreads(threads);
    const c = this.ctx;
    this.kernels = {
      unary: (i, a) => unary(c, probe, i, a),
      unaryGrad: (i, a) => unaryGrad(c, probe, i, a),
      biasActivation: (i, a) => biasActivation(c, probe, i, a),
      binary: (i, a) => binary(c, probe, i, a),
      lstmCell: (i, a) => lstmCell(c, i, a),
      lstmCellGrad: (i, a) => lstmCellGrad(c, i, a),
      gruCell: (i) => gruCell(c, i),
      gruCellGrad: (i, a) => gruCellGrad(c, i, a),
      where: (i, a) => delegate(c, 'where', i, a),
      cast: (i, a) => cast(c, i, a),
      reduce: (i, a) => reduce(c, i, a),
      argReduce: (i, a) => delegate(c, 'argReduce', i, a),
      matmul: (i, a) => matmul(c, i, a),
      transpose: (i, a) => transpose(c, i, a),
      slice: (i, a) => slice(c, i, a),
      concat: (i, a) => concat(c, i, a),
      pad: (i, a) => delegate(c, 'pad', i, a),
      tile: (i, a) => delegate(c, 'tile', i, a),
      gather: (i, a) => gather(c, i, a),
      scatterAdd: (i, a) => delegate(c, 'scatterAdd', i, a),
      conv2d: (i, a) => conv2d(c, i, a),
      conv2dBackpropInput: (i, a) => conv2dBackpropInput(c, i, a),
      conv2dBackpropFilter: (i, a) => conv2dBackpropFilter(c, i, a),
      maxPool: (i, a) => maxPool(c, i, a),
      maxPoolGrad: (i, a) => maxPoolGrad(c, i, a),
      avgPool: (i, a) => avgPool(c, i, a),
      avgPoolGrad: (i, a) => avgPoolGrad(c, i, a),
      softmax: (i, a) => softmax(c, i, a),
      softmaxGrad: (i, a) => softmaxGrad(c, i, a),
    };
  }

  /**
   * What runs: the platform, the SIMD flavour (`relaxedSimd`: fused multiply-add), thread counts, whether memory is
   * shared and, if not, why (`singleThreadReason` says what to do about it).
   */
  get info(): Readonly<Record<string, unknown>> {
    const running = 1 + (this.pool?.readyHelpers() ?? 0);
    return {
      kind: 'wasm',
      platform: this.platform.name,
      simd: this.build.relaxedSimd ? 'relaxed-simd (fused multiply-add)' : 'simd128',
      relaxedSimd: this.build.relaxedSimd,
      threads: this.ctx.threads,
      threadsRunning: Math.min(this.ctx.threads, running),
      sharedMemory: this.build.sharedMemory,
      ...(this.singleThreadReason && { singleThreadReason: `one thread only: ${this.singleThreadReason}` }),
      memoryBytes: this.ctx.heap.memory.buffer.byteLength,
      // Bytes the allocator has carved out: live buffers plus freed ones kept for reuse.
      reservedBytes: this.ctx.heap.arena.reservedBytes,
    };
  }

  /**
   * Sets how many threads share large kernels (the calling thread included). Without shared memory it stays 1.
   * @example
   * const previous = getBackend();
   * // ready() initialises the 'wasm' backend and makes it the active one.
   * const wasm = (await ready('wasm')) as WasmBackend;
   * const threads = wasm.info.threads as number;
   * // Deterministic single-threaded runs:
   * wasm.setThreads(1);
   * wasm.info.threads // → 1
   * wasm.setThreads(threads);
   * setBackend(previous);
   */
  setThreads(threads: number): void {
    checkThreads(threads);
    if (!this.build.sharedMemory) {
      this.ctx.threads = 1;
      return;
    }
    const helpers = threads - 1;
    if (helpers > (this.pool?.helpers ?? 0)) {
      this.shutdown();
      this.pool = new ThreadPool(this.build.module, this.ctx.heap.memory, helpers, this.platform);
      this.forgetPool = shutdownOnExit(this.pool, this.platform.onExit);
      this.ctx.pool = this.pool;
    }
    this.ctx.threads = threads;
  }

  /**
   * Whether `fn` runs here on a hand-vectorised SIMD kernel (checked against its scalar definition) rather than a
   * JavaScript loop — forward and gradient separately, for the parameters `a`, `b`.
   * @example
   * const previous = getBackend();
   * const wasm = (await ready('wasm')) as WasmBackend;
   * wasm.vectorized(mathFns.sigmoidFn) // → { forward: true, gradient: true }
   * setBackend(previous);
   */
  vectorized(fn: UnaryFn | BinaryFn, a = 0, b = 0): { forward: boolean; gradient: boolean } {
    if (isBinaryFn(fn)) {
      const code = binaryCandidate(fn as BinaryFn);
      return { forward: code !== undefined && this.probe.binary(fn as BinaryFn, code), gradient: false };
    }
    const u = fn as UnaryFn;
    const k = unaryCandidate(u);
    if (!k) return { forward: false, gradient: false };
    return { forward: this.probe.unary(u, k.code, a, b, false), gradient: this.probe.unary(u, k.code, a, b, true) };
  }

  /**
   * 'auto' (default) keeps small kernels on the calling thread, where waking workers would cost more than it saves;
   * 'always' splits every kernel across the threads — slower, but it exercises every work partition (for tests).
   * @example
   * const previous = getBackend();
   * const wasm = (await ready('wasm')) as WasmBackend;
   * wasm.setParallelism('always');
   * // This small product is now split across the threads too.
   * matmul(ones([2, 3]), ones([3, 2])) // → [[3, 3], [3, 3]]
   * wasm.setParallelism('auto');
   * setBackend(previous);
   */
  setParallelism(mode: 'auto' | 'always'): void {
    if (mode !== 'auto' && mode !== 'always')
      throw new ValueError(`wasm backend: parallelism must be 'auto' or 'always', received ${String(mode)}`);
    this.ctx.alwaysParallel = mode === 'always';
  }

  /**
   * Resolves once every worker thread has started; before that, kernels run on the threads already up.
   * @example
   * const previous = getBackend();
   * const wasm = (await ready('wasm')) as WasmBackend;
   * await wasm.threadsReady();
   * wasm.info.threadsRunning === wasm.info.threads // → true
   * setBackend(previous);
   */
  threadsReady(): Promise<void> {
    return this.pool?.ready ?? Promise.resolve();
  }

  /**
   * Terminates the worker threads; kernels keep working on the calling thread alone. Never needed for a Node
   * process to exit (workers do not keep it alive), but frees them early.
   * @example
   * const previous = getBackend();
   * const wasm = (await ready('wasm')) as WasmBackend;
   * const threads = wasm.info.threads as number;
   * wasm.shutdown();
   * // Kernels still run, on the calling thread alone.
   * wasm.info.threadsRunning // → 1
   * add(tensor([1, 2]), 1) // → [2, 3]
   * // setThreads starts the workers again.
   * wasm.setThreads(threads);
   * setBackend(previous);
   */
  shutdown(): void {
    this.pool?.shutdown();
    this.forgetPool?.();
    this.pool = null;
    this.forgetPool = null;
    this.ctx.pool = null;
    this.ctx.threads = 1;
  }

  write(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    const data = this.ctx.out(dtype, values.length);
    if (values.length > 0) this.ctx.heap.view(data).set(values);
    return { dataId: data, shape, dtype };
  }

  /** A view of the buffer in the WebAssembly memory (the engine copies it out). */
  readSync(dataId: DataId): TypedArray {
    if (!(dataId instanceof WasmData))
      throw new BackendError('wasm backend: readSync received a buffer of another backend');
    return this.ctx.heap.view(dataId);
  }

  async read(dataId: DataId): Promise<TypedArray> {
    return this.readSync(dataId);
  }

  disposeData(dataId: DataId): void {
    if (dataId instanceof WasmData) this.ctx.heap.free(dataId);
  }

  memory(): BackendMemory {
    return { numDataBuffers: this.ctx.heap.numBuffers, numBytes: this.ctx.heap.numBytes };
  }
}
