import type {
  Backend,
  BackendKernelName,
  DataId,
  FusedKernelImpl,
  FusedKernelName,
  FusedKernelSpecs,
  KernelSpecs,
  OpAttrs,
  OpName,
  TensorInfo,
} from './backend/kernels.js';
import type { DType, TypedArray } from './dtype.js';
import { BackendError, ShapeError, ValueError, fmtShape } from './errors.js';
import { checkKernelCall } from './backend/kernel-checks.js';
import { type Shape, shapesEqual, sizeOf } from './shape.js';
import { Tensor, type Variable, setTensorOwner } from './tensor.js';
import { CpuBackend } from './cpu/cpu-backend.js';
import { type FusedInputs, type FusedOutputs, fusedKernelDefs } from './fused.js';

/** One op as it ran: what autograd records on its tape. */
export interface OpRecord<K extends OpName = OpName> {
  readonly op: K;
  readonly inputs: readonly Tensor[];
  readonly attrs: OpAttrs<K>;
  readonly output: Tensor;
}

export type OpListener = (record: OpRecord) => void;

export type BackendFactory = () => Backend | Promise<Backend>;

export interface MemoryInfo {
  /** Live tensors (variables included) across all backends. */
  readonly numTensors: number;
  readonly numBytes: number;
  readonly numDataBuffers: number;
  /** TensorFlow.js's flag for counts that may be off; Rectify counts every buffer exactly, so always false. */
  readonly unreliable: boolean;
  readonly backends: Readonly<Record<string, { numTensors: number; numBytes: number; numDataBuffers: number }>>;
}

export type TensorContainer =
  | void
  | Tensor
  | readonly TensorContainer[]
  | { readonly [key: string]: TensorContainer }
  | string
  | number
  | boolean
  | null
  | undefined;

interface Registration {
  readonly factory: BackendFactory;
  readonly priority: number;
}

/**
 * The one place that knows which backend is active: it dispatches kernels, counts references to shared buffers,
 * tracks `tidy` scopes, and tells listeners (autograd's tape) about every op that ran.
 */
export class Engine {
  private readonly registry = new Map<string, Registration>();
  private readonly instances = new Map<string, Backend>();
  private activeName: string | null = null;
  private readonly refCounts = new Map<DataId, number>();
  private readonly live = new Set<Tensor>();
  private readonly scopes: Set<Tensor>[] = [];
  /** Each listener remembers how deeply muted the engine was when it subscribed (see `withoutListeners`). */
  private readonly listeners: { readonly fn: OpListener; readonly depth: number }[] = [];
  private listenersPaused = 0;

  constructor() {
    setTensorOwner(this);
    // The CPU backend is always present, at the lowest priority, so faster backends can take over the default.
    this.registerBackend('cpu', () => new CpuBackend(), 0);
  }

  registerBackend(name: string, factory: BackendFactory, priority = 1): void {
    if (this.registry.has(name))
      throw new BackendError(`registerBackend: a backend named '${name}' is already registered`);
    this.registry.set(name, { factory, priority });
  }

  /** Names of registered backends, highest priority first. */
  backendNames(): string[] {
    return [...this.registry.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([n]) => n);
  }

  /** Makes `name` the active backend; its factory must be synchronous (use `ready` for async ones). */
  setBackend(name: string): void {
    const reg = this.registration(name);
    let backend = this.instances.get(name);
    if (!backend) {
      const made = reg.factory();
      if (made instanceof Promise) {
        throw new BackendError(
          `setBackend: backend '${name}' initialises asynchronously; use 'await ready("${name}")' instead`,
        );
      }
      backend = made;
      this.instances.set(name, backend);
    }
    this.activeName = name;
  }

  /** Initialises (if needed) and activates `name`, or the highest-priority backend that loads. */
  async ready(name?: string): Promise<Backend> {
    const names = name ? [name] : this.backendNames();
    const errors: string[] = [];
    for (const n of names) {
      try {
        const reg = this.registration(n);
        if (!this.instances.has(n)) this.instances.set(n, await reg.factory());
        this.activeName = n;
        return this.instances.get(n)!;
      } catch (err) {
        if (name) throw err;
        errors.push(`${n}: ${(err as Error).message}`);
      }
    }
    throw new BackendError(`ready: no backend could be initialised (${errors.join('; ')})`);
  }

  getBackend(): Backend {
    if (this.activeName === null) {
      // The default is the highest-priority backend whose factory is synchronous and succeeds.
      for (const n of this.backendNames()) {
        try {
          this.setBackend(n);
          break;
        } catch {
          continue;
        }
      }
      if (this.activeName === null) throw new BackendError('getBackend: no backend is registered');
    }
    return this.instances.get(this.activeName)!;
  }

  /** The initialised backend registered as `name`, or undefined if it is not (yet) initialised. */
  findBackend(name: string): Backend | undefined {
    return this.instances.get(name);
  }

  /** The name the active backend was registered under (activating the default backend if none is yet). */
  get backendName(): string {
    this.getBackend();
    return this.activeName!;
  }

  private registration(name: string): Registration {
    const reg = this.registry.get(name);
    if (!reg) {
      throw new BackendError(
        `setBackend: unknown backend '${name}'; registered backends: ${this.backendNames().join(', ') || 'none'}`,
      );
    }
    return reg;
  }

  /** Wraps a buffer the backend already holds into a tracked tensor. */
  private wrap(info: TensorInfo, backend: Backend, track = true): Tensor {
    const t = new Tensor(info.dataId, info.shape, info.dtype, backend);
    this.refCounts.set(info.dataId, (this.refCounts.get(info.dataId) ?? 0) + 1);
    this.live.add(t);
    if (track) this.scopes[this.scopes.length - 1]?.add(t);
    return t;
  }

  makeTensor(values: TypedArray, shape: Shape, dtype: DType): Tensor {
    if (values.length !== sizeOf(shape)) {
      throw new ShapeError(
        `tensor: ${values.length} values do not fill shape ${fmtShape(shape)} (${sizeOf(shape)} needed)`,
      );
    }
    const backend = this.getBackend();
    return this.wrap(backend.write(values, shape, dtype), backend);
  }

  makeVariable(initial: Tensor, name: string, trainable: boolean, VariableClass: typeof Variable): Variable {
    initial.assertAlive('variable');
    const v = new VariableClass(initial, name, trainable);
    this.refCounts.set(v.dataId, (this.refCounts.get(v.dataId) ?? 0) + 1);
    this.live.add(v);
    return v;
  }

  assignVariable(v: Variable, value: Tensor): void {
    value.assertAlive('assign');
    if (!shapesEqual(v.shape, value.shape) || v.dtype !== value.dtype) {
      throw new ShapeError(
        `assign: variable '${v.name}' has shape ${fmtShape(v.shape)} ${v.dtype}, received ${fmtShape(value.shape)} ${value.dtype}`,
      );
    }
    this.ensureOnActive(value);
    // Take the new reference before dropping the old one: `v.assign(v)` must not free the shared buffer.
    this.refCounts.set(value.dataId, (this.refCounts.get(value.dataId) ?? 0) + 1);
    this.release(v.dataId, v.backend);
    v.dataId = value.dataId;
    v.backend = value.backend;
  }

  /**
   * Runs a primitive kernel on the active backend and records it for listeners. The call is checked first
   * (`checkKernelCall`: input count, shapes against each other and the attrs), so a malformed direct call is a
   * `ShapeError` naming the kernel and the shapes, not a garbage result; the check allocates nothing when it passes.
   * @example engine.runKernel('matmul', [tensor([[1, 2]]), tensor([[3], [4]])], { transposeA: false, transposeB: false }); // → [[11]]
   */
  runKernel<K extends BackendKernelName>(op: K, inputs: readonly Tensor[], attrs: KernelSpecs[K]['attrs']): Tensor {
    checkKernelCall(op, inputs, attrs);
    const backend = this.getBackend();
    for (const t of inputs) {
      t.assertAlive(op);
      this.ensureOnActive(t);
    }
    const infos = inputs.map((t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }));
    const kernel = backend.kernels[op] as (i: TensorInfo[], a: unknown) => TensorInfo;
    const output = this.wrap(kernel(infos, attrs), backend);
    this.notify({ op, inputs, attrs, output } as OpRecord);
    return output;
  }

  /**
   * Runs the active backend's fused kernel `name` (see `FusedKernelSpecs`) and returns its outputs as tracked
   * tensors, or null when the backend has no such kernel or declines the call: the caller then runs the composed
   * ops. Inputs are validated first, whichever path runs. With `donate: true` the caller gives up the kernel's
   * donated inputs, and they are overwritten in place when no other tensor shares their buffers.
   *
   * Fused kernels are not recorded: op listeners — autograd's tape — never hear of them, so they cannot be
   * differentiated. They are meant for updates outside gradient functions (optimizer steps).
   * @example
   * const [w, g, m, v] = [tensor([1]), tensor([0.5]), tensor([0]), tensor([0])];
   * const hyper = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1, weightDecay: 0 };
   * // The updated [w, m, v], or null where the backend has no such kernel (the caller then composes the ops).
   * const r = engine.runFused('adamUpdate', [w, g, m, v], hyper);
   * r === null || r.length === 3; // → true
   */
  runFused<K extends FusedKernelName>(
    name: K,
    inputs: FusedInputs<K>,
    attrs: FusedKernelSpecs[K]['attrs'],
    options: { readonly donate?: boolean } = {},
  ): FusedOutputs<K> | null {
    const tensors = inputs as readonly Tensor[];
    for (const t of tensors) t.assertAlive(name);
    const def = fusedKernelDefs[name];
    def.check(inputs, attrs);
    const backend = this.getBackend();
    const kernel = backend.fused?.[name] as FusedKernelImpl<K> | undefined;
    if (!kernel) return null;
    for (const t of tensors) this.ensureOnActive(t);
    // Exclusive and passed once: the same tensor given as two inputs must not be written while it is read.
    const inPlace =
      options.donate === true &&
      def.donated.every(
        (i) => this.isExclusive(tensors[i]!) && tensors.filter((t) => t.dataId === tensors[i]!.dataId).length === 1,
      );
    const infos = tensors.map((t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }));
    const outputs = kernel(infos as FusedKernelSpecs[K]['inputs'], { ...attrs, inPlace });
    if (!outputs) return null;
    return (outputs as readonly TensorInfo[]).map((info) => this.wrap(info, backend)) as unknown as FusedOutputs<K>;
  }

  /** Whether `t` is the only tensor holding its buffer (no view, variable or slot shares it). */
  isExclusive(t: Tensor): boolean {
    return !t.isDisposed && this.refCounts.get(t.dataId) === 1;
  }

  /** A new tensor sharing `x`'s buffer under another shape: reshape and identity cost no copy. */
  view(op: 'reshape' | 'identity', x: Tensor, shape: Shape): Tensor {
    x.assertAlive(op);
    const output = this.wrap({ dataId: x.dataId, shape, dtype: x.dtype }, x.backend);
    const attrs = op === 'reshape' ? { shape } : {};
    this.notify({ op, inputs: [x], attrs, output } as OpRecord);
    return output;
  }

  /**
   * Tells the listeners that `op` produced `output` from `inputs`, for ops that ran as something else: a
   * `customGrad` function's forward pass runs unrecorded, then is recorded once as one op with its own gradient.
   */
  record<K extends 'customGrad'>(op: K, inputs: readonly Tensor[], attrs: OpAttrs<K>, output: Tensor): Tensor {
    this.notify({ op, inputs, attrs, output } as OpRecord);
    return output;
  }

  /** Moves a tensor created under another backend onto the active one, so ops can mix them. */
  private ensureOnActive(t: Tensor): void {
    const backend = this.getBackend();
    if (t.backend === backend) return;
    const values = t.backend.readSync(t.dataId).slice();
    const info = backend.write(values, t.shape, t.dtype);
    this.release(t.dataId, t.backend);
    t.dataId = info.dataId;
    t.backend = backend;
    this.refCounts.set(info.dataId, (this.refCounts.get(info.dataId) ?? 0) + 1);
  }

  private notify(record: OpRecord): void {
    for (const l of this.listeners) if (l.depth >= this.listenersPaused) l.fn(record);
  }

  /** Subscribes to every op that runs; returns the unsubscribe function. Autograd's tape uses this. */
  addOpListener(listener: OpListener): () => void {
    const entry = { fn: listener, depth: this.listenersPaused };
    this.listeners.push(entry);
    return () => {
      const i = this.listeners.indexOf(entry);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Runs `fn` with the listeners that exist now muted: its ops are not recorded by them. A listener subscribed
   * inside `fn` (a `grad` called within `noGrad`) still hears the ops that follow, so gradients work there too.
   */
  withoutListeners<T>(fn: () => T): T {
    this.listenersPaused++;
    try {
      return fn();
    } finally {
      this.listenersPaused--;
    }
  }

  private release(dataId: DataId, backend: Backend): void {
    const n = (this.refCounts.get(dataId) ?? 1) - 1;
    if (n <= 0) {
      this.refCounts.delete(dataId);
      backend.disposeData(dataId);
    } else this.refCounts.set(dataId, n);
  }

  disposeTensor(t: Tensor): void {
    if (t.isDisposed) return;
    t.markDisposed();
    this.live.delete(t);
    for (const s of this.scopes) s.delete(t);
    this.release(t.dataId, t.backend);
  }

  /** Keeps `t` alive past the enclosing `tidy`. */
  keep<T extends Tensor>(t: T): T {
    for (const s of this.scopes) s.delete(t);
    return t;
  }

  tidy<T>(fn: () => T): T {
    if (typeof fn !== 'function')
      throw new ValueError(`tidy: expected a function, received ${fn === null ? 'null' : typeof fn}`);
    const scope = new Set<Tensor>();
    this.scopes.push(scope);
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise)
        throw new BackendError('tidy: the function must be synchronous, it returned a Promise');
    } catch (err) {
      // A throwing function still must not leak what it created.
      for (const t of scope) this.disposeTensor(t);
      throw err;
    } finally {
      this.scopes.pop();
    }
    const kept = new Set<Tensor>();
    collectTensors(result, kept);
    for (const t of scope) if (!kept.has(t)) this.disposeTensor(t);
    const parent = this.scopes[this.scopes.length - 1];
    if (parent) for (const t of kept) if (scope.has(t)) parent.add(t);
    return result;
  }

  memory(): MemoryInfo {
    const per: Record<string, { numTensors: number; numBytes: number; numDataBuffers: number }> = {};
    let numBytes = 0;
    for (const t of this.live) {
      const e = (per[t.backend.name] ??= { numTensors: 0, numBytes: 0, numDataBuffers: 0 });
      e.numTensors++;
    }
    for (const [name, b] of this.instances) {
      const m = b.memory();
      const e = (per[name] ??= { numTensors: 0, numBytes: 0, numDataBuffers: 0 });
      e.numBytes = m.numBytes;
      e.numDataBuffers = m.numDataBuffers;
      numBytes += m.numBytes;
    }
    return {
      numTensors: this.live.size,
      numBytes,
      numDataBuffers: Object.values(per).reduce((n, e) => n + e.numDataBuffers, 0),
      unreliable: false,
      backends: per,
    };
  }
}

function collectTensors(c: unknown, out: Set<Tensor>): void {
  if (c instanceof Tensor) out.add(c);
  else if (Array.isArray(c)) for (const x of c) collectTensors(x, out);
  else if (c !== null && typeof c === 'object' && Object.getPrototypeOf(c) === Object.prototype) {
    for (const x of Object.values(c)) collectTensors(x, out);
  }
}

/** The process-wide engine. Exported for sibling packages (autograd, backends); users call the functions below. */
export const engine = new Engine();

/**
 * Makes a backend available under `name`; the highest `priority` that initialises becomes the default (cpu is 0).
 * @example
 * // As @rectify/backend-wasm does: registerBackend('wasm', async () => createWasmBackend(), 2)
 * registerBackend('cpu-copy', () => new CpuBackend(), -1);
 * setBackend('cpu-copy');
 * getBackend(); // → 'cpu-copy'
 */
export const registerBackend = (name: string, factory: BackendFactory, priority?: number): void =>
  engine.registerBackend(name, factory, priority);
/** Activates a registered backend whose factory is synchronous (or that `ready` already initialised). @example setBackend('cpu'); */
export const setBackend = (name: string): void => engine.setBackend(name);
/**
 * The name of the active backend, initialising the default on first use (TensorFlow.js's `getBackend`).
 * @example getBackend() // → 'cpu'
 */
export const getBackend = (): string => engine.backendName;
/** The active backend object itself (TensorFlow.js's `backend()`). @example backend().info */
export const backend = (): Backend => engine.getBackend();
/** Initialises and activates `name`, or the best backend that loads. @example await ready('wasm'); */
export const ready = (name?: string): Promise<Backend> => engine.ready(name);
/**
 * Runs `fn` and disposes every tensor it created except those it returns (in an array or object too), also when
 * it throws. Variables are never disposed.
 * @example
 * const x = tensor([[1, 2]]);
 * // The product inside is freed when tidy returns; y is kept.
 * const y = tidy(() => add(matmul(x, tensor([[1], [1]])), 1)); // → [[4]]
 */
export const tidy = <T>(fn: () => T): T => engine.tidy(fn);
/**
 * Exempts `t` from the enclosing `tidy` calls.
 * @example
 * let cache: Tensor | undefined;
 * tidy(() => {
 *   cache = keep(square(tensor([3])));
 * });
 * cache?.isDisposed; // → false
 */
export const keep = <T extends Tensor>(t: T): T => engine.keep(t);
/** Live tensors, buffers and bytes, overall and per backend. @example memory().numTensors */
export const memory = (): MemoryInfo => engine.memory();

/** Disposes a tensor or every tensor inside an array/object. @example
 * const a = tensor([1]);
 * const b = tensor([2]);
 * dispose([a, { b }]);
 * b.isDisposed; // → true
 */
export function dispose(c: TensorContainer): void {
  const set = new Set<Tensor>();
  collectTensors(c, set);
  for (const t of set) t.dispose();
}
