import { describe, expect, it } from 'vitest';
import { type Pool2DInfo, type Tensor, engine, pool2dInfo, setBackend, tensor } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';
import { windowsTile } from '../src/kernels/pool.js';
import { normal, useWasm, withThreads } from './helpers.js';

type Case = {
  name: string;
  x: [number, number, number, number];
  window: [number, number];
  strides: [number, number];
  pad: 'same' | 'valid';
  /** Whether the tiled kernels take it. */
  tiled: boolean;
};

const pool = (name: string, x: Case['x'], window: Case['window'], tiled: boolean, more: Partial<Case> = {}): Case => ({
  name,
  x,
  window,
  strides: window,
  pad: 'valid',
  tiled,
  ...more,
});

// Each case says whether the tiled kernels run, so a change to the selection shows up.
const CASES: Case[] = [
  // The CNN bench's pools: the written-out 2×2 max.
  pool('2×2, the input tiled exactly', [3, 6, 8, 16], [2, 2], true),
  // 'valid' on odd sizes: the last row and column are in no window and get zero gradient.
  pool('2×2 on odd sizes', [2, 7, 9, 4], [2, 2], true),
  // 'same' on even sizes needs no padding.
  pool("2×2 'same' on even sizes", [2, 4, 6, 8], [2, 2], true, { pad: 'same' }),
  // The general loops of the tiled kernels, with a column left over.
  pool('3×3', [2, 9, 7, 8], [3, 3], true),
  pool('2×3', [2, 6, 10, 4], [2, 3], true),
  // Not tiled: padding, overlapping windows, channels in part of a SIMD lane group.
  pool("2×2 'same' on odd sizes (padded)", [2, 7, 7, 4], [2, 2], false, { pad: 'same' }),
  pool('3×3 stride 2 (windows overlap)', [2, 9, 9, 4], [3, 3], false, { strides: [2, 2] }),
  pool('2×2, 6 channels', [2, 6, 6, 6], [2, 2], false),
];

/** Values on a grid of halves, so windows hold ties; one −0 and one +0 in a window of their own. */
function input(c: Case, seed: number): Tensor {
  const v = Array.from(normal(c.x, seed).dataSync(), (n) => Math.round(2 * n) / 2);
  v[0] = -0;
  v[c.x[3]] = 0;
  return tensor(v, c.x);
}

function run(c: Case, seed: number): number[][] {
  const x = input(c, seed);
  const info: Pool2DInfo = pool2dInfo('maxPool', c.x, c.window, c.strides, c.pad);
  const dy = normal([c.x[0], info.outH, info.outW, c.x[3]], seed + 1);
  const outs: Tensor[] = [
    engine.runKernel('maxPool', [x], { info }),
    engine.runKernel('maxPoolGrad', [dy, x], { info }),
    engine.runKernel('avgPool', [x], { info }),
    engine.runKernel('avgPoolGrad', [dy], { info }),
  ];
  return outs.map((t) => Array.from(t.dataSync()));
}

describe('pooling whose windows tile the input', () => {
  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: ${c.tiled ? 'tiled' : 'general'} kernels, values as the cpu backend's`, async () => {
      expect(windowsTile(pool2dInfo('maxPool', c.x, c.window, c.strides, c.pad))).toBe(c.tiled);
      const one = await withThreads(1, () => run(c, 10 * i));
      const two = await withThreads(2, () => run(c, 10 * i));
      setBackend('cpu');
      const cpu = engine.tidy(() => run(c, 10 * i));
      useWasm();
      const [maxY, maxDx, avgY, avgDx] = one;
      // Max pooling selects values: equal bit for bit (−0 and +0 told apart), its gradient to each window's first
      // maximum only.
      expect(maxY).toEqual(cpu[0]);
      expect(maxDx).toEqual(cpu[1]);
      expectClose(avgY!, cpu[2]!, { rtol: 1e-6, atol: 1e-6 });
      expectClose(avgDx!, cpu[3]!, { rtol: 1e-6, atol: 1e-6 });
      // Threads own whole output rows: the same values on one thread or two.
      expect(two).toEqual(one);
    });
  }

  it('sends the gradient of a window of equal values to its first element and none to the others', async () => {
    const x = tensor([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4], [1, 2, 2, 4]);
    const info = pool2dInfo('maxPool', x.shape, 2, 2, 'valid');
    expect(windowsTile(info)).toBe(true);
    const dx = await withThreads(1, () => {
      const g: Tensor = engine.runKernel('maxPoolGrad', [tensor([5, 6, 7, 8], [1, 1, 1, 4]), x], { info });
      return Array.from(g.dataSync());
    });
    // Channel c is 1, 2, 3, 4 at every pixel of the window: all ties, so pixel 0 takes each channel's gradient.
    expect(dx).toEqual([5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
