import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkKernelBytes, NO_SIMD } from '../src/runtime/loader.js';
import { ASSET_HINT, fetchKernels, kernelUrl } from '../src/wasm/fetch-kernels.js';

/**
 * What a user reads when the kernels cannot load: the URL and what to check for a missing or wrong file (a 404, a dev
 * server's index.html), and "SIMD" only when the engine really lacks it.
 */
const wasmBytes = new Uint8Array(readFileSync(new URL('../dist/wasm/kernels-simd.wasm', import.meta.url)));
const html = new TextEncoder().encode('<!doctype html><html><body>app</body></html>');
const response = (body: Uint8Array<ArrayBuffer>, status = 200) => new Response(body, { status });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('browser kernel loading errors', () => {
  it('names the URL and the bundler asset to check when the fetch fails, on a 404 and on a network error', async () => {
    const url = kernelUrl(false, false).href;
    vi.stubGlobal('fetch', async () => response(html, 404));
    await expect(fetchKernels({ relaxedSimd: false, sharedMemory: false })).rejects.toThrow(
      `wasm backend: fetching ${url} failed with HTTP 404. ${ASSET_HINT}`,
    );
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(fetchKernels({ relaxedSimd: false, sharedMemory: false })).rejects.toThrow(
      `wasm backend: cannot fetch ${url} (Failed to fetch). ${ASSET_HINT}`,
    );
  });

  it("says a page came back instead of WebAssembly (Vite dev's fallback) and how to fix it, not that SIMD is missing", async () => {
    vi.stubGlobal('fetch', async () => response(html));
    const error = await fetchKernels({ relaxedSimd: false, sharedMemory: true }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `wasm backend: ${kernelUrl(false, true).href} is not a WebAssembly file (44 bytes, starting "<!doctype html><html><body>app</"). ${ASSET_HINT}`,
    );
    expect((error as Error).message).toContain("optimizeDeps: { exclude: ['@rectify/backend-wasm'] }");
    expect((error as Error).message).not.toContain('SIMD');
  });

  it('compiles the build it fetched', async () => {
    vi.stubGlobal('fetch', async () => response(wasmBytes));
    const build = await fetchKernels({ relaxedSimd: false, sharedMemory: false });
    expect(build).toMatchObject({ relaxedSimd: false, sharedMemory: false });
    expect(WebAssembly.Module.exports(build.module).map((e) => e.name)).toContain('gemm');
  });

  it('writes every build URL out literally, each pointing at its own file next to the module', () => {
    const names = [kernelUrl(true, true), kernelUrl(true, false), kernelUrl(false, true), kernelUrl(false, false)].map(
      (u) => u.pathname.split('/').pop(),
    );
    expect(names).toEqual([
      'kernels-relaxed-mt.wasm',
      'kernels-relaxed.wasm',
      'kernels-simd-mt.wasm',
      'kernels-simd.wasm',
    ]);
  });
});

describe('checkKernelBytes', () => {
  it('accepts a kernel build', () => {
    expect(() => checkKernelBytes('k.wasm', wasmBytes, 'hint')).not.toThrow();
  });

  it('blames the engine only when a SIMD128 probe module fails to validate', () => {
    vi.spyOn(WebAssembly, 'validate').mockReturnValue(false);
    expect(() => checkKernelBytes('k.wasm', wasmBytes, 'hint')).toThrow(NO_SIMD);
    expect(NO_SIMD).toContain("setBackend('cpu')");
  });

  it('calls a file that is WebAssembly but invalid here a bad file, not a missing feature', () => {
    const truncated = wasmBytes.slice(0, 200);
    expect(() => checkKernelBytes('/x/k.wasm', truncated, 'Reinstall.')).toThrow(
      'wasm backend: /x/k.wasm does not validate in this engine, which does support SIMD128 (a truncated file, or one from ' +
        'another version of @rectify/backend-wasm? shared-memory builds also need WebAssembly threads). Reinstall.',
    );
  });
});
