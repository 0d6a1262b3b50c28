import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { BackendError } from '@rectify/tensor';
import { hasRelaxedSimd } from './features.js';
import { type KernelBuild, type LoadOptions, checkKernelBytes, chooseBuild } from './loader.js';
import type { Platform } from './platform.js';

/**
 * A built file of the package. This resolves to dist/ from dist/runtime and from src/runtime alike, so the
 * workspace's tests, which run the sources, use the built kernels and worker too (Node needs no bundler-visible URL).
 */
const built = (path: string): URL => new URL(`../../dist/${path}`, import.meta.url);

const REINSTALL =
  'The installed @rectify/backend-wasm is incomplete: reinstall it (inside the Rectify workspace: pnpm --filter @rectify/backend-wasm build).';

/** Node 20 validates relaxed SIMD only behind a V8 flag, which can still be set at run time; later versions need none. */
function relaxedSimd(): boolean {
  if (hasRelaxedSimd()) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return hasRelaxedSimd();
}

function read(options: LoadOptions): { bytes: Uint8Array<ArrayBuffer>; relaxed: boolean; shared: boolean } {
  const { relaxed, shared } = chooseBuild(options, relaxedSimd);
  const url = built(`wasm/kernels-${relaxed ? 'relaxed' : 'simd'}${shared ? '-mt' : ''}.wasm`);
  const path = fileURLToPath(url);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(url));
  } catch (err) {
    throw new BackendError(`wasm backend: cannot read ${path} (${(err as Error).message}). ${REINSTALL}`);
  }
  checkKernelBytes(path, bytes, REINSTALL);
  return { bytes, relaxed, shared };
}

/** Node: kernels read from the package's files (synchronously, so 'wasm' can be the default backend), worker_threads. */
export const nodePlatform: Platform = {
  name: 'node',
  cores: () => availableParallelism(),
  sharedMemory: () =>
    typeof SharedArrayBuffer === 'function' ? { ok: true } : { ok: false, reason: 'SharedArrayBuffer is unavailable' },
  noteSingleThread: () => undefined,
  loadKernelsSync(options): KernelBuild {
    const { bytes, relaxed, shared } = read(options);
    return { module: new WebAssembly.Module(bytes), relaxedSimd: relaxed, sharedMemory: shared };
  },
  async loadKernels(options): Promise<KernelBuild> {
    const { bytes, relaxed, shared } = read(options);
    return { module: await WebAssembly.compile(bytes), relaxedSimd: relaxed, sharedMemory: shared };
  },
  startWorker(init, ready, failed) {
    const worker = new Worker(built('threads/node-worker.js'), { workerData: init });
    worker.unref();
    worker.once('message', () => ready());
    worker.once('error', (err) => failed(err.message));
    worker.once('exit', () => failed('the worker exited'));
    return worker;
  },
  onExit: (fn) => process.once('exit', fn),
};
