import { BackendError } from '@rectify/tensor';
import { hasRelaxedSimd } from '../runtime/features.js';
import { type KernelBuild, type LoadOptions, checkKernelBytes, chooseBuild } from '../runtime/loader.js';

// This module is built into dist/wasm/, next to the four .wasm builds, so each URL below points at its file.

/**
 * One build's URL. Each `new URL('./….wasm', import.meta.url)` is written out literally: that exact form is what
 * bundlers (Vite, webpack 5, Rollup, Parcel) recognise to emit the file as an asset and rewrite the URL.
 */
export function kernelUrl(relaxed: boolean, shared: boolean): URL {
  if (relaxed)
    return shared
      ? new URL('./kernels-relaxed-mt.wasm', import.meta.url)
      : new URL('./kernels-relaxed.wasm', import.meta.url);
  return shared ? new URL('./kernels-simd-mt.wasm', import.meta.url) : new URL('./kernels-simd.wasm', import.meta.url);
}

export const ASSET_HINT =
  'Check that your bundler emitted the .wasm assets of @rectify/backend-wasm (kernels-*.wasm, referenced relative to ' +
  "its module through import.meta.url) and that the server serves them; in Vite's dev server add " +
  "optimizeDeps: { exclude: ['@rectify/backend-wasm'] }, since pre-bundling moves the code away from its .wasm files.";

async function fetchBytes(url: URL): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new BackendError(`wasm backend: cannot fetch ${url.href} (${(err as Error).message}). ${ASSET_HINT}`);
  }
  if (!response.ok)
    throw new BackendError(`wasm backend: fetching ${url.href} failed with HTTP ${response.status}. ${ASSET_HINT}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Fetches the best kernel build the engine supports (relaxed SIMD is detected before anything is downloaded) and
 * compiles it off the main thread.
 */
export async function fetchKernels(options: LoadOptions): Promise<KernelBuild> {
  const { relaxed, shared } = chooseBuild(options, hasRelaxedSimd);
  const url = kernelUrl(relaxed, shared);
  const bytes = await fetchBytes(url);
  checkKernelBytes(url.href, bytes, ASSET_HINT);
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes);
  } catch (err) {
    throw new BackendError(`wasm backend: cannot compile ${url.href}: ${(err as Error).message}`);
  }
  return { module, relaxedSimd: relaxed, sharedMemory: shared };
}
