import { describe, expect, it } from 'vitest';
import { CpuBackend, engine, backend, setBackend, tensor } from '@rectify/tensor';
import { WasmBackend } from '@rectify/backend-wasm';

describe('registration', () => {
  it("makes 'wasm' the default backend in Node, ahead of cpu", () => {
    expect(engine.backendNames().slice(0, 2)).toEqual(['wasm', 'cpu']);
    expect(backend()).toBeInstanceOf(WasmBackend);
    expect(tensor([1, 2]).backend.name).toBe('wasm');
  });

  it("still selects the TypeScript reference with setBackend('cpu')", () => {
    setBackend('cpu');
    expect(backend()).toBeInstanceOf(CpuBackend);
    setBackend('wasm');
    expect(backend().name).toBe('wasm');
  });

  it('creates further instances asynchronously with their own options', async () => {
    const b = await WasmBackend.create({ threads: 1, relaxedSimd: false });
    expect(b.info).toMatchObject({ simd: 'simd128', threads: 1 });
    const x = b.write(Float32Array.of(1, 2, 3), [3], 'float32');
    expect(Array.from(b.readSync(x.dataId))).toEqual([1, 2, 3]);
    b.disposeData(x.dataId);
    expect(b.memory()).toEqual({ numDataBuffers: 0, numBytes: 0 });
  });
});
