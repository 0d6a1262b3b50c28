import { afterEach, describe, expect, it } from 'vitest';
import * as rf from '@rectify/tensor';
import {
  GPU_PRIORITY_FALLBACK,
  GPU_PRIORITY_HARDWARE,
  type GpuBackendInfo,
  createGpuBackend,
  gpuBackendFactory,
  gpuJsStatus,
  gpuPriority,
} from '@rectify/backend-gpu';
import { type GpuJs, loadGpuJs } from '../src/gpujs.js';
import { trainMlp } from './support/train-mlp.js';

const info = (): GpuBackendInfo => rf.engine.findBackend('gpu')!.info as GpuBackendInfo;

afterEach(() => rf.setBackend('cpu'));

describe('registration', () => {
  it('importing the package registers gpu below cpu in Node, so cpu stays the default', () => {
    expect(rf.engine.backendNames()).toEqual(['cpu', 'gpu']);
    expect(rf.backend().name).toBe('cpu');
    expect(gpuJsStatus()).toEqual({ loaded: true, error: null });
  });

  it('setBackend and ready activate it; info says which gpu.js mode runs (WebAssembly here: no GL in Node)', async () => {
    rf.setBackend('gpu');
    expect(rf.backend().name).toBe('gpu');
    expect((await rf.ready('gpu')).name).toBe('gpu');
    expect(info()).toMatchObject({
      kind: 'gpu',
      mode: 'webasm',
      requestedMode: 'gpu',
      precision: 'single',
      renderer: null,
      fallbacks: [],
    });
  });

  it('priority: hardware GL outranks cpu; software rasterizers, WebAssembly and a failed load stay opt-in', () => {
    const fake = (gl: { webgl2?: boolean; headless?: boolean }): Parameters<typeof gpuPriority>[0] => ({
      ok: true,
      gpujs: {
        GPU: {
          isWebGL2Supported: gl.webgl2 ?? false,
          isWebGLSupported: false,
          isHeadlessGLSupported: gl.headless ?? false,
        },
      } as unknown as GpuJs,
    });
    expect(gpuPriority(fake({ webgl2: true }), 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11)')).toBe(
      GPU_PRIORITY_HARDWARE,
    );
    expect(
      gpuPriority(
        fake({ webgl2: true }),
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
      ),
    ).toBe(GPU_PRIORITY_FALLBACK);
    expect(gpuPriority(fake({ webgl2: true }), 'llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(GPU_PRIORITY_FALLBACK);
    expect(gpuPriority(fake({ headless: true }), null)).toBe(GPU_PRIORITY_HARDWARE);
    expect(gpuPriority(fake({}), null)).toBe(GPU_PRIORITY_FALLBACK);
    expect(gpuPriority({ ok: false, error: 'x' }, null)).toBe(GPU_PRIORITY_FALLBACK);
    expect([GPU_PRIORITY_FALLBACK < 0, GPU_PRIORITY_HARDWARE > 0]).toEqual([true, true]);
  });

  it('a failed gpu.js import becomes a clear BackendError when the backend is asked for, not a crash', async () => {
    const failed = await loadGpuJs(() => Promise.reject(new Error("Cannot find package 'gpu.js'")));
    expect(failed).toEqual({ ok: false, error: "Cannot find package 'gpu.js'" });
    expect(gpuBackendFactory(failed)).toThrow(
      new rf.BackendError(
        "gpu: gpu.js could not be loaded (Cannot find package 'gpu.js'); install gpu.js 2.24.x next to @rectify/backend-gpu, or use the 'cpu' backend",
      ),
    );
    expect(await loadGpuJs(() => Promise.resolve({ default: {} }))).toEqual({
      ok: false,
      error: 'the module has no GPU export',
    });
  });

  it('rejects gpu.js modes the synchronous Backend interface cannot use', () => {
    expect(() => createGpuBackend({ mode: 'webgpu' as 'gpu' })).toThrow(
      new rf.ValueError(
        "gpu: mode must be one of 'gpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu', received \"webgpu\" ('webgpu' kernels are asynchronous; Rectify's backend interface is synchronous)",
      ),
    );
    expect(() => createGpuBackend({ mode: 'fast' as 'gpu' })).toThrow(/received "fast"$/);
  });

  it('asking for a GL mode where there is no GL is a BackendError naming the mode', () => {
    expect(() => createGpuBackend({ mode: 'webgl2' })).toThrow(
      new rf.BackendError(
        `gpu: gpu.js cannot run in mode 'webgl2' here (A requested mode of "webgl2" and is not supported)`,
      ),
    );
  });

  it("gpu.js's cpu mode can be registered under its own name and runs the same kernels", () => {
    rf.registerBackend('gpu-js-cpu', () => createGpuBackend({ mode: 'cpu', name: 'gpu-js-cpu' }), -2);
    rf.setBackend('gpu-js-cpu');
    expect(rf.backend().info).toMatchObject({ mode: 'cpu', requestedMode: 'cpu' });
    expect(rf.tidy(() => rf.matmul(rf.tensor([[1, 2]]), rf.tensor([[3], [4]])).arraySync())).toEqual([[11]]);
  });
});

describe('device residency and memory', () => {
  it('values stay on the device between kernels and are read back once, when asked for', () => {
    rf.setBackend('gpu');
    const before = info().readbacks;
    const y = rf.tidy(() => {
      let t = rf.tensor([1, 2, 3, 4]);
      for (let i = 0; i < 5; i++) t = rf.add(rf.mul(t, 2), 1);
      return t;
    });
    expect(info().readbacks).toBe(before);
    // ((((x·2+1)·2+1)…) five times = 32x + 31.
    expect(Array.from(y.dataSync())).toEqual([63, 95, 127, 159]);
    expect(info().readbacks).toBe(before + 1);
    y.dataSync();
    expect(info().readbacks).toBe(before + 1);
    y.dispose();
  });

  it('dispose and tidy free device buffers; memory() reports 4 bytes per element on the device', () => {
    rf.setBackend('gpu');
    const base = rf.memory().backends.gpu!;
    const kept = rf.tidy(() => {
      const a = rf.ones([10, 10]);
      rf.add(a, a);
      return rf.keep(rf.sum(a, 1));
    });
    expect(rf.memory().backends.gpu).toEqual({
      numTensors: base.numTensors + 1,
      numDataBuffers: base.numDataBuffers + 1,
      numBytes: base.numBytes + 40,
    });
    kept.dispose();
    expect(rf.memory().backends.gpu).toEqual(base);
  });

  it('int32 and bool values survive the float32 device round trip', () => {
    rf.setBackend('gpu');
    const v = rf.tidy(() =>
      [rf.tensor([-7, 0, 2 ** 24], undefined, 'int32'), rf.tensor([true, false])].map((t) => rf.add(t, 0).arraySync()),
    );
    expect(v).toEqual([
      [-7, 0, 2 ** 24],
      [1, 0],
    ]);
  });
});

describe('kernel cache', () => {
  it('compiles each kernel once per shape signature: more training steps compile nothing new', () => {
    trainMlp('gpu', { steps: 2 });
    const afterTwo = info().compiledKernels;
    const runsTwo = info().kernelRuns;
    trainMlp('gpu', { steps: 6 });
    expect(info().compiledKernels).toBe(afterTwo);
    expect(info().kernelRuns).toBeGreaterThan(runsTwo);
  });

  it('a new shape compiles a new kernel; a reshaped tensor of the same size reuses the elementwise one', () => {
    rf.setBackend('gpu');
    rf.tidy(() => rf.exp(rf.ones([6])));
    const n = info().compiledKernels;
    rf.tidy(() => rf.exp(rf.ones([2, 3])));
    expect(info().compiledKernels).toBe(n);
    rf.tidy(() => rf.exp(rf.ones([7])));
    // Only exp for the new size: WebAssembly mode needs no upload kernels (GL modes add one per new input size).
    expect(info().compiledKernels).toBe(n + 1);
  });
});
