import { BackendError } from '@rectify/tensor';
import { hasSimd, isWasmBinary } from './features.js';
import { kernelImports } from './imports.js';

/** Which compiled kernel build runs: SIMD128 or relaxed SIMD (fused multiply-add), private or shared memory. */
export interface KernelBuild {
  readonly module: WebAssembly.Module;
  readonly relaxedSimd: boolean;
  readonly sharedMemory: boolean;
}

export interface LoadOptions {
  /** Use the relaxed-SIMD build where the engine supports it. Default true. */
  readonly relaxedSimd?: boolean;
  readonly sharedMemory: boolean;
}

/** The build to load: relaxed SIMD where wanted and supported, shared memory where threads can run. */
export function chooseBuild(
  options: LoadOptions,
  relaxedSupported: () => boolean,
): { relaxed: boolean; shared: boolean } {
  return { relaxed: options.relaxedSimd !== false && relaxedSupported(), shared: options.sharedMemory };
}

export const NO_SIMD =
  'wasm backend: this JavaScript engine does not support WebAssembly SIMD128 (fixed-width SIMD), which the kernels are ' +
  "compiled for (Chrome/Edge 91+, Firefox 89+, Safari 16.4+, Node 16.4+ have it); use the 'cpu' backend here: setBackend('cpu')";

/**
 * Checks the bytes of a kernel build before compiling, so that the error names the real cause: something that is not
 * WebAssembly at all (a 404 page, a dev server's index.html), an engine without SIMD128, or an invalid file.
 * `hint` says what the user can do about a wrong file where it came from.
 */
export function checkKernelBytes(source: string, bytes: Uint8Array<ArrayBuffer>, hint: string): void {
  if (!isWasmBinary(bytes)) {
    const head = new TextDecoder().decode(bytes.subarray(0, 32)).replace(/\s+/g, ' ');
    throw new BackendError(
      `wasm backend: ${source} is not a WebAssembly file (${bytes.length} bytes, starting ${JSON.stringify(head)}). ${hint}`,
    );
  }
  if (!hasSimd()) throw new BackendError(NO_SIMD);
  if (!WebAssembly.validate(bytes)) {
    throw new BackendError(
      `wasm backend: ${source} does not validate in this engine, which does support SIMD128 (a truncated file, or one from ` +
        `another version of @rectify/backend-wasm? shared-memory builds also need WebAssembly threads). ${hint}`,
    );
  }
}

/** The kernel exports, as the instance gives them. Tasks take (args, tid, nt). */
export interface KernelExports {
  readonly heapBase: () => number;
  readonly gemmScratchBytes: () => number;
  readonly gemm: Task;
  readonly unary: Task;
  readonly biasUnary: Task;
  readonly binary: Task;
  readonly reduce: Task;
  readonly pool: Task;
  readonly poolGrad: Task;
  readonly adam: Task;
  readonly convForward: Task;
  readonly convFilterGrad: Task;
  readonly softmax: Task;
  readonly convDirect: Task;
  readonly convDirectFilterGrad: Task;
  readonly convInputGrad: Task;
  readonly sumChunks: Task;
  readonly lstmCell: Task;
  readonly gruCell: Task;
  readonly lstmSequence: Task;
  readonly convImplicit: Task;
  readonly padImages: Task;
  readonly convImplicitFilterGrad: Task;
  readonly poolTiled: Task;
}

export type Task = (args: number, tid: number, nt: number) => void;

/** Synchronous instantiation: fine in Node and in workers. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, kernelImports(memory));
  return instance.exports as unknown as KernelExports;
}

/** Asynchronous instantiation, which browsers require on the main thread. */
export async function instantiateAsync(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(module, kernelImports(memory));
  return instance.exports as unknown as KernelExports;
}
