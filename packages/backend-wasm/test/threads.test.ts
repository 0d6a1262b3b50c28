import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conv2d, conv2dInfo, engine, maxPool, setBackend, sum } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';
import { setWasmThreads } from '@rectify/backend-wasm';
import { normal, useWasm, withThreads } from './helpers.js';

describe('threads', () => {
  it('reports its SIMD flavour, thread counts and shared memory in info', async () => {
    const b = useWasm();
    b.setThreads(2);
    await b.threadsReady();
    expect(b.info).toMatchObject({ kind: 'wasm', threads: 2, threadsRunning: 2, sharedMemory: true });
    expect(['relaxed-simd (fused multiply-add)', 'simd128']).toContain(b.info.simd);
    expect(b.info.singleThreadReason).toBeUndefined();
  });

  it('rejects thread counts and parallelism modes that make no sense', () => {
    const b = useWasm();
    expect(() => b.setThreads(0)).toThrow('wasm backend: threads must be a positive integer, received 0');
    expect(() => setWasmThreads(1.5)).toThrow('wasm backend: threads must be a positive integer, received 1.5');
    expect(() => b.setParallelism('sometimes' as 'auto')).toThrow(
      "wasm backend: parallelism must be 'auto' or 'always', received sometimes",
    );
  });

  it('gives the same convolution, pooling and gradients on 1 and 2 threads', async () => {
    const x = normal([8, 28, 28, 3], 41);
    const f = normal([5, 5, 3, 16], 42);
    const info = conv2dInfo(x.shape, f.shape, 1, 'same');
    const run = () => {
      const y = conv2d(x, f, 1, 'same');
      const dy = normal([...y.shape], 43);
      return [
        y,
        maxPool(y, 2, 2, 'valid'),
        engine.runKernel('conv2dBackpropInput', [dy, f], { info }),
        engine.runKernel('conv2dBackpropFilter', [x, dy], { info }),
        engine.runKernel('maxPoolGrad', [normal([8, 14, 14, 16], 44), y], { info: { ...poolInfo } }),
      ].map((t) => t.dataSync());
    };
    const poolInfo = {
      batch: 8,
      inH: 28,
      inW: 28,
      channels: 16,
      outH: 14,
      outW: 14,
      kH: 2,
      kW: 2,
      strideH: 2,
      strideW: 2,
      padTop: 0,
      padLeft: 0,
    };
    const one = await withThreads(1, run);
    const two = await withThreads(2, run);
    one.forEach((v, i) => expect(Array.from(two[i]!)).toEqual(Array.from(v)));
  });

  it('computes tiled convolutions and their gradients as the CPU backend does, across many tiles and chunks', async () => {
    // 600 floats per column row: tiles of 52 rows, so a batch of 6 (2,400 rows) spans 47 tiles and all 8 chunks of
    // the filter gradient; stride 2 and dilation 2 exercise the window arithmetic at the tile edges.
    for (const [strides, pad, dilations] of [
      [1, 'same', 1],
      [2, 'valid', 1],
      [1, 'same', 2],
    ] as const) {
      const x = normal([6, 20, 20, 24], 51);
      const f = normal([5, 5, 24, 8], 52);
      const info = conv2dInfo(x.shape, f.shape, strides, pad, dilations);
      const run = () => {
        const y = conv2d(x, f, strides, pad, 'NHWC', dilations);
        const dy = normal([...y.shape], 53);
        return [
          y,
          engine.runKernel('conv2dBackpropInput', [dy, f], { info }),
          engine.runKernel('conv2dBackpropFilter', [x, dy], { info }),
        ].map((t) => Array.from(t.dataSync()));
      };
      const wasm = await withThreads(2, run);
      setBackend('cpu');
      const cpu = engine.tidy(run);
      useWasm();
      wasm.forEach((v, i) => expectClose(v, cpu[i]!, { rtol: 1e-4, atol: 1e-3 }));
    }
  });

  it('sums a long row on 2 threads from per-thread float64 partials', async () => {
    const x = normal([1_000_003], 45);
    const ref = Array.from(x.dataSync()).reduce((s, v) => s + v, 0);
    expectClose(await withThreads(2, () => sum(x).dataSync()), [ref], { rtol: 1e-6, atol: 1e-4 });
  });

  it('keeps working on one thread after shutdown, and starts workers again on request', async () => {
    const b = useWasm();
    b.setThreads(2);
    await b.threadsReady();
    b.shutdown();
    expect(b.info).toMatchObject({ threads: 1, threadsRunning: 1 });
    expectClose(sum(normal([100_000], 46)), [sum(normal([100_000], 46)).dataSync()[0]!], 0);
    b.setThreads(2);
    await b.threadsReady();
    expect(b.info.threadsRunning).toBe(2);
  });

  it('lets a Node process that trained a model on 2 threads exit by itself', () => {
    const script = fileURLToPath(new URL('./fixtures/train-and-exit.mjs', import.meta.url));
    const child = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: child.status, signal: child.signal, stderr: child.stderr }).toEqual({
      status: 0,
      signal: null,
      stderr: '',
    });
    const report = JSON.parse(child.stdout) as { backend: string; threadsRunning: number; first: number; last: number };
    expect(report).toMatchObject({ backend: 'wasm', threadsRunning: 2 });
    expect(report.last).toBeLessThan(report.first);
  });
});
