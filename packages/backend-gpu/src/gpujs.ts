/**
 * The slice of gpu.js 2.24 this backend uses, typed structurally: gpu.js's own typings predate its WebAssembly
 * backend and describe the kernel-run shortcut loosely.
 */

/** What a pipeline kernel returns: a GL texture, or (WebAssembly, cpu) a fresh typed array. */
export interface GpuTexture {
  toArray(): Float32Array | number[] | Float32Array[];
  delete(): void;
}
export type DeviceArray = GpuTexture | Float32Array;

export interface KernelClass {
  readonly name: string;
}

export interface KernelRun {
  (...args: unknown[]): unknown;
  /** The kernel that actually runs; gpu.js swaps in a CPUKernel when it falls back. */
  readonly kernel?: { readonly constructor: KernelClass; readonly fallbackReason?: string | null };
  destroy(removeCanvasReferences?: boolean): void;
}

export interface KernelFunctionSettings {
  readonly source: string;
  readonly settings: { readonly argumentTypes: readonly string[]; readonly returnType: string };
}

export interface NativeFunction {
  readonly name: string;
  readonly source: string;
  readonly settings: { readonly returnType: string };
}

export interface KernelSettings {
  readonly output: readonly number[];
  readonly pipeline: boolean;
  readonly immutable: boolean;
  readonly precision: 'single' | 'unsigned';
  readonly tactic: 'precision';
  readonly loopMaxIterations: number;
  readonly functions: readonly KernelFunctionSettings[];
  readonly nativeFunctions?: readonly NativeFunction[];
}

export interface GpuInstance {
  /** The kernel class this instance compiles with (WebGL2Kernel, WebAssemblyKernel, CPUKernel, …). */
  readonly Kernel: KernelClass;
  createKernel(source: string, settings: KernelSettings): KernelRun;
  destroy(): void;
}

export interface GpuConstructor {
  new (settings?: { mode?: string }): GpuInstance;
  readonly isWebGL2Supported: boolean;
  readonly isWebGLSupported: boolean;
  readonly isHeadlessGLSupported: boolean;
  readonly isSinglePrecisionSupported: boolean;
}

/** The module as `import('gpu.js')` gives it: its kernel classes tell which mode really runs. */
export interface GpuJs {
  readonly GPU: GpuConstructor;
  readonly WebGL2Kernel?: KernelClass;
  readonly WebGLKernel?: KernelClass;
  readonly HeadlessGLKernel?: KernelClass;
  readonly WebAssemblyKernel?: KernelClass;
  readonly CPUKernel?: KernelClass;
  readonly WebGPUKernel?: KernelClass;
}

/** The outcome of loading gpu.js: the module, or why it could not be loaded. */
export type GpuJsLoad = { readonly ok: true; readonly gpujs: GpuJs } | { readonly ok: false; readonly error: string };

/**
 * Imports gpu.js, turning any failure (package missing, its native or WebAssembly parts failing to initialise)
 * into a value instead of an exception, so that importing this package never crashes.
 */
export async function loadGpuJs(importer: () => Promise<unknown> = () => import('gpu.js')): Promise<GpuJsLoad> {
  try {
    const mod = (await importer()) as Partial<GpuJs> & { default?: Partial<GpuJs> };
    const gpujs = typeof mod.GPU === 'function' ? mod : mod.default;
    if (!gpujs || typeof gpujs.GPU !== 'function') return { ok: false, error: 'the module has no GPU export' };
    return { ok: true, gpujs: gpujs as GpuJs };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

/** An error's message followed by its causes' (loaders often wrap the useful one). */
function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && parts.length < 4; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(': ');
}

/** Which gpu.js backend a kernel class is: 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu' or 'webgpu'. */
export function modeOf(gpujs: GpuJs, kernelClass: KernelClass | undefined): string {
  const known: ReadonlyArray<[KernelClass | undefined, string]> = [
    [gpujs.WebGL2Kernel, 'webgl2'],
    [gpujs.WebGLKernel, 'webgl'],
    [gpujs.HeadlessGLKernel, 'headlessgl'],
    [gpujs.WebAssemblyKernel, 'webasm'],
    [gpujs.CPUKernel, 'cpu'],
    [gpujs.WebGPUKernel, 'webgpu'],
  ];
  for (const [cls, mode] of known) if (cls && cls === kernelClass) return mode;
  return kernelClass?.name ?? 'unknown';
}
