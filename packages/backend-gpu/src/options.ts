import { ValueError } from '@rectify/tensor';

/**
 * gpu.js modes this backend can run in. 'gpu' lets gpu.js pick (headless GL → WebGL2 → WebGL → WebAssembly →
 * cpu). 'webgpu' and 'async' are left out: their kernels return Promises, and the Backend interface is
 * synchronous (`dataSync()`, kernels returning tensors).
 */
export const GPU_MODES = ['gpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'] as const;
export type GpuMode = (typeof GPU_MODES)[number];

export function checkMode(mode: unknown): asserts mode is GpuMode {
  if (!(GPU_MODES as readonly unknown[]).includes(mode)) {
    const why =
      mode === 'webgpu' || mode === 'async'
        ? ` ('${mode}' kernels are asynchronous; Rectify's backend interface is synchronous)`
        : '';
    throw new ValueError(
      `gpu: mode must be one of ${GPU_MODES.map((m) => `'${m}'`).join(', ')}, received ${JSON.stringify(mode)}${why}`,
    );
  }
}
