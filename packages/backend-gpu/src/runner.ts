import { BackendError } from '@rectify/tensor';
import { INDEX_FUNCTIONS } from './codegen/index-code.js';
import {
  type DeviceArray,
  type GpuInstance,
  type GpuJs,
  type KernelFunctionSettings,
  type KernelRun,
  modeOf,
} from './gpujs.js';
import { GL_HELPERS, glHelperClosure, glNativeFunctions } from './scalar/gl-math.js';
import { type ScalarFunction, scalarFunction } from './scalar/scalar-source.js';

type Scalar = (...args: number[]) => number;

/** What a kernel generator produces on a cache miss. */
export interface KernelSource {
  /** `function (x0, x1, …) { … return value; }`, reading `this.thread.x` as the flat output index. */
  readonly source: string;
  /** Helper functions beyond the index helpers (scalar functions, mostly). */
  readonly functions?: readonly KernelFunctionSettings[];
  /** gl-math helpers the source or its functions call (ignored outside GL modes). */
  readonly helpers?: readonly string[];
  /** The longest loop in the source: gpu.js's GL loops need a maximum. */
  readonly loopMax?: number;
}

/** Where GLSL translation applies: gpu.js's GL backends (WebGL2, WebGL, headless GL). */
export function isGlMode(mode: string): boolean {
  return mode === 'webgl2' || mode === 'webgl' || mode === 'headlessgl';
}

/**
 * Compiles gpu.js kernels once per signature and runs them. The signature (`key`) names the op and everything
 * the source depends on — shapes, strides, the scalar function — so that a training loop, which repeats the
 * same shapes, compiles only in its first step.
 */
export class KernelRunner {
  private readonly cache = new Map<string, KernelRun>();
  private readonly translated = new WeakMap<Scalar, ScalarFunction & { readonly id: number; readonly arity: number }>();
  private readonly sourceIds = new Map<string, number>();
  compiles = 0;
  runs = 0;
  /** Kernels gpu.js could not compile for the device and ran on its cpu fallback instead. */
  readonly fallbacks: string[] = [];

  constructor(
    readonly gpujs: GpuJs,
    readonly gpu: GpuInstance,
    /** The gpu.js backend kernels compile for: 'webgl2', 'webasm', 'cpu', … */
    readonly mode: string,
    readonly precision: 'single' | 'unsigned',
  ) {}

  get gl(): boolean {
    return isGlMode(this.mode);
  }

  /**
   * A scalar function as the helper `rfF`, with an id for cache keys. The id follows the translated source, so
   * functions rebuilt with the same definition share their kernels.
   */
  scalar(fn: Scalar | undefined, arity: number, label: string): ScalarFunction & { readonly id: number } {
    const cached = fn && this.translated.get(fn);
    if (cached && cached.arity === arity) return cached;
    const sf = scalarFunction(fn, 'rfF', arity, label, this.gl ? 'gl' : 'js');
    let id = this.sourceIds.get(sf.source);
    if (id === undefined) {
      id = this.sourceIds.size;
      this.sourceIds.set(sf.source, id);
    }
    const entry = { ...sf, id, arity };
    if (fn) this.translated.set(fn, entry);
    return entry;
  }

  private compile(key: string, size: number, build: () => KernelSource): KernelRun {
    const k = build();
    const helpers = this.gl ? glHelperClosure(k.helpers ?? []) : [];
    const helperFns = helpers.map((h): KernelFunctionSettings => ({
      source: GL_HELPERS[h]!.source,
      settings: { argumentTypes: new Array<string>(GL_HELPERS[h]!.arity ?? 1).fill('Number'), returnType: 'Number' },
    }));
    try {
      const run = this.gpu.createKernel(k.source, {
        output: [size],
        pipeline: true,
        immutable: true,
        precision: this.precision,
        tactic: 'precision',
        loopMaxIterations: Math.max(1000, k.loopMax ?? 0),
        functions: [...INDEX_FUNCTIONS, ...helperFns, ...(k.functions ?? [])],
        ...(this.gl ? { nativeFunctions: glNativeFunctions(this.mode) } : {}),
      });
      this.compiles++;
      this.cache.set(key, run);
      return run;
    } catch (err) {
      throw new BackendError(`gpu: gpu.js could not compile kernel '${key}' (${this.mode}): ${(err as Error).message}`);
    }
  }

  /**
   * Runs (compiling on first use) the kernel `key` over `size` outputs. A kernel's output size is fixed when it
   * compiles, so the size is part of its signature whatever the key says.
   */
  run(key: string, size: number, build: () => KernelSource, args: readonly unknown[]): DeviceArray {
    const signature = `${key} → ${size}`;
    const cached = this.cache.get(signature);
    const run = cached ?? this.compile(signature, size, build);
    let out: unknown;
    try {
      out = run(...args);
    } catch (err) {
      throw new BackendError(`gpu: kernel '${key}' failed in gpu.js (${this.mode}): ${(err as Error).message}`);
    }
    this.runs++;
    if (!cached) this.checkFallback(signature, run);
    return out as DeviceArray;
  }

  private checkFallback(key: string, run: KernelRun): void {
    const ran = modeOf(this.gpujs, run.kernel?.constructor);
    if (ran !== this.mode)
      this.fallbacks.push(
        `${key}: ran in ${ran}${run.kernel?.fallbackReason ? ` (${run.kernel.fallbackReason})` : ''}`,
      );
  }

  destroy(): void {
    for (const run of this.cache.values()) run.destroy();
    this.cache.clear();
    this.gpu.destroy();
  }
}
