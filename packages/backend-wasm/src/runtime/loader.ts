import { BackendError } from '@rectify/tensor';
import { isNode, nodeApi } from './platform.js';

/** Which compiled kernel build runs: SIMD128 or relaxed SIMD (fused multiply-add), private or shared memory. */
export interface KernelBuild {
  readonly module: WebAssembly.Module;
  readonly relaxedSimd: boolean;
  readonly sharedMemory: boolean;
}

export interface LoadOptions {
  /** Use the relaxed-SIMD build where the engine supports it (Node 20 needs a V8 flag, set here). Default true. */
  readonly relaxedSimd?: boolean;
  readonly sharedMemory: boolean;
}

/** The .wasm files live in dist/wasm; this path resolves to it from both src/runtime and dist/runtime. */
function wasmUrl(relaxed: boolean, shared: boolean): URL {
  return new URL(`../../dist/wasm/kernels-${relaxed ? 'relaxed' : 'simd'}${shared ? '-mt' : ''}.wasm`, import.meta.url);
}

const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';

/** Node 20 validates relaxed SIMD only behind a V8 flag; later engines need none. */
function relaxedUsable(bytes: Uint8Array<ArrayBuffer>): boolean {
  if (WebAssembly.validate(bytes)) return true;
  if (!nodeApi) return false;
  nodeApi.setV8Flags(RELAXED_FLAG);
  return WebAssembly.validate(bytes);
}

function missing(url: URL, err: unknown): BackendError {
  return new BackendError(
    `wasm backend: cannot load ${url.href} (${(err as Error).message}); build the package first: pnpm --filter @rectify/backend-wasm build`,
  );
}

function readNode(url: URL): Uint8Array<ArrayBuffer> {
  try {
    return nodeApi!.readFileSync(url);
  } catch (err) {
    throw missing(url, err);
  }
}

/** Node only: reads and compiles the kernels synchronously, so the backend can be the default without `ready()`. */
export function loadKernelsSync(options: LoadOptions): KernelBuild {
  if (!isNode) throw new BackendError("wasm backend: synchronous loading needs Node; in a browser call 'await ready(\"wasm\")' first");
  const shared = options.sharedMemory;
  if (options.relaxedSimd !== false) {
    const bytes = readNode(wasmUrl(true, shared));
    if (relaxedUsable(bytes)) return { module: new WebAssembly.Module(bytes), relaxedSimd: true, sharedMemory: shared };
  }
  const bytes = readNode(wasmUrl(false, shared));
  if (!WebAssembly.validate(bytes)) throw new BackendError('wasm backend: this engine does not support WebAssembly SIMD128');
  return { module: new WebAssembly.Module(bytes), relaxedSimd: false, sharedMemory: shared };
}

async function fetchBytes(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  if (isNode) return readNode(url);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw missing(url, err);
  }
  if (!response.ok) throw missing(url, new Error(`HTTP ${response.status}`));
  return new Uint8Array(await response.arrayBuffer());
}

/** Anywhere: fetches (browser) or reads (Node) the best build and compiles it off the main thread. */
export async function loadKernels(options: LoadOptions): Promise<KernelBuild> {
  const shared = options.sharedMemory;
  if (options.relaxedSimd !== false) {
    const bytes = await fetchBytes(wasmUrl(true, shared));
    if (relaxedUsable(bytes)) return { module: await WebAssembly.compile(bytes), relaxedSimd: true, sharedMemory: shared };
  }
  const bytes = await fetchBytes(wasmUrl(false, shared));
  if (!WebAssembly.validate(bytes)) throw new BackendError('wasm backend: this engine does not support WebAssembly SIMD128');
  return { module: await WebAssembly.compile(bytes), relaxedSimd: false, sharedMemory: shared };
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
  readonly convInputGrad: Task;
  readonly sumChunks: Task;
}

export type Task = (args: number, tid: number, nt: number) => void;

/** Synchronous instantiation: fine in Node and in workers. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}

/** Asynchronous instantiation, which browsers require on the main thread. */
export async function instantiateAsync(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<KernelExports> {
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return instance.exports as unknown as KernelExports;
}
