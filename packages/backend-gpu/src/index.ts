/**
 * @rectify/backend-gpu — the Backend interface on gpu.js 2.24: WebGL2 (or WebGL) in browsers, gpu.js's
 * WebAssembly or cpu fallbacks where there is no GPU. Importing this module registers the backend as 'gpu'.
 *
 * @example
 * import * as rf from '@rectify/tensor';
 * import '@rectify/backend-gpu';
 * rf.setBackend('gpu');
 * rf.backend().info.mode; // 'webgl2' in a browser, 'webasm' in Node
 */
import { BackendError, registerBackend } from '@rectify/tensor';
import { glRenderer, isSoftwareRenderer } from './environment.js';
import { GpuBackend } from './gpu-backend.js';
import { type GpuJsLoad, loadGpuJs } from './gpujs.js';
import type { GpuMode } from './options.js';

export { GpuBackend, type GpuBackendInfo } from './gpu-backend.js';
export { GPU_MODES, type GpuMode } from './options.js';

/** Above the CPU backend (0): the default wherever gpu.js has a hardware GL context. */
export const GPU_PRIORITY_HARDWARE = 2;
/** Below the CPU backend: with only WebAssembly, gpu.js's cpu mode or a software rasterizer, opt in explicitly. */
export const GPU_PRIORITY_FALLBACK = -1;

const loaded: GpuJsLoad = await loadGpuJs();

/** Whether gpu.js could be imported, and if not, why. @example gpuJsStatus().loaded // true */
export function gpuJsStatus(): { readonly loaded: boolean; readonly error: string | null } {
  return loaded.ok ? { loaded: true, error: null } : { loaded: false, error: loaded.error };
}

/**
 * The factory `registerBackend` gets: a clear BackendError, not a crash, when gpu.js is missing.
 * @example
 * // What registering gives when gpu.js failed to import: setBackend('gpu-missing') throws a BackendError naming the fix.
 * registerBackend('gpu-missing', gpuBackendFactory({ ok: false, error: "Cannot find package 'gpu.js'" }));
 */
export function gpuBackendFactory(load: GpuJsLoad, options: { mode?: GpuMode; name?: string } = {}): () => GpuBackend {
  return () => {
    if (!load.ok) {
      throw new BackendError(
        `gpu: gpu.js could not be loaded (${load.error}); install gpu.js 2.24.x next to @rectify/backend-gpu, or use the 'cpu' backend`,
      );
    }
    return new GpuBackend(load.gpujs, options.mode ?? 'gpu', options.name ?? 'gpu');
  };
}

/**
 * A new gpu backend in a given gpu.js mode, e.g. to register gpu.js's cpu mode under another name.
 * @example registerBackend('gpu-webasm', () => createGpuBackend({ mode: 'webasm', name: 'gpu-webasm' }))
 */
export function createGpuBackend(options: { mode?: GpuMode; name?: string } = {}): GpuBackend {
  return gpuBackendFactory(loaded, options)();
}

/**
 * The priority 'gpu' registers with: hardware GL outranks the CPU backend, anything else stays opt-in.
 * @example gpuPriority() // -1 in Node without headless GL: 'cpu' (0) stays the default
 */
export function gpuPriority(load: GpuJsLoad = loaded, renderer: string | null = glRenderer()): number {
  if (!load.ok) return GPU_PRIORITY_FALLBACK;
  const { GPU } = load.gpujs;
  if (GPU.isHeadlessGLSupported) return GPU_PRIORITY_HARDWARE;
  if ((GPU.isWebGL2Supported || GPU.isWebGLSupported) && !isSoftwareRenderer(renderer)) return GPU_PRIORITY_HARDWARE;
  return GPU_PRIORITY_FALLBACK;
}

registerBackend('gpu', gpuBackendFactory(loaded), gpuPriority());
