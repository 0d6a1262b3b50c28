import { describe, expect, it } from 'vitest';
import { type Tensor, conv2d, conv2dInfo, engine, setBackend } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';
import {
  implicitFilterGradApplies,
  implicitForwardApplies,
  implicitInputGradApplies,
} from '../src/kernels/conv-implicit.js';
import { normal, useWasm, withThreads } from './helpers.js';

type Case = {
  name: string;
  x: number[];
  f: number[];
  strides: number;
  pad: 'same' | 'valid';
  dilations: number | [number, number];
  /** Whether the forward, the input gradient and the filter gradient take the implicit-GEMM kernels. */
  implicit: [boolean, boolean, boolean];
};

const conv = (
  name: string,
  x: number[],
  f: number[],
  implicit: [boolean, boolean, boolean],
  more: Partial<Case> = {},
): Case => ({
  name,
  x,
  f,
  strides: 1,
  pad: 'same',
  dilations: 1,
  implicit,
  ...more,
});

// Each case says which of the three products take the implicit-GEMM kernels, so a change to the selection shows up.
const CASES: Case[] = [
  // The CNN bench's second layer; rows a multiple of neither 4 nor 64 (3·7·9 = 189).
  conv('5×5 same', [3, 7, 9, 16], [5, 5, 16, 32], [true, true, true]),
  // outC 13: a partial last panel of the output; inC 12 wastes too much of a panel for the input gradient.
  conv('3×3 same, odd channels', [2, 6, 5, 12], [3, 3, 12, 13], [true, false, true]),
  // An even kernel: 'same' pads one more row and column after than before.
  conv('4×4 same', [2, 8, 7, 16], [4, 4, 16, 8], [true, true, true]),
  // No padding: the kernel reads x in place.
  conv('3×3 valid', [2, 9, 8, 16], [3, 3, 16, 24], [true, true, true], { pad: 'valid' }),
  conv('3×3 stride 2', [2, 9, 10, 16], [3, 3, 16, 16], [true, false, true], { strides: 2 }),
  conv('dilated rows', [2, 11, 9, 16], [3, 3, 16, 8], [true, false, true], { dilations: [2, 1] }),
  conv('dilated columns', [2, 11, 9, 16], [3, 3, 16, 8], [false, false, false], { dilations: [1, 2] }),
  // Runs of kW·inC = 12 floats are too short for the forward and input gradient; (first layers with at most four
  // channels take the direct kernels before any of these.)
  conv('short runs', [2, 8, 8, 6], [3, 3, 6, 8], [false, false, false]),
  // kW·inC = 20: the filter gradient's four-float groups fit the kernel rows.
  conv('odd channels, whole groups', [2, 8, 8, 5], [4, 4, 5, 8], [false, false, true]),
];

function run(c: Case, seed: number): number[][] {
  const x = normal(c.x, seed);
  const f = normal(c.f, seed + 1);
  const info = conv2dInfo(x.shape, f.shape, c.strides, c.pad, c.dilations);
  const y = conv2d(x, f, c.strides, c.pad, 'NHWC', c.dilations);
  const dy = normal([...y.shape], seed + 2);
  const dx: Tensor = engine.runKernel('conv2dBackpropInput', [dy, f], { info });
  const dw: Tensor = engine.runKernel('conv2dBackpropFilter', [x, dy], { info });
  return [y, dx, dw].map((t) => Array.from(t.dataSync()));
}

describe('implicit-GEMM convolution', () => {
  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: forward ${c.implicit[0] ? 'implicit' : 'not'}, input gradient ${c.implicit[1] ? 'implicit' : 'not'}, filter gradient ${c.implicit[2] ? 'implicit' : 'not'}, values as the cpu backend's`, async () => {
      const info = conv2dInfo(
        c.x as [number, number, number, number],
        c.f as [number, number, number, number],
        c.strides,
        c.pad,
        c.dilations,
      );
      expect([implicitForwardApplies(info), implicitInputGradApplies(info), implicitFilterGradApplies(info)]).toEqual(
        c.implicit,
      );
      const one = await withThreads(1, () => run(c, 10 * i));
      const two = await withThreads(2, () => run(c, 10 * i));
      setBackend('cpu');
      const cpu = engine.tidy(() => run(c, 10 * i));
      useWasm();
      one.forEach((v, k) => {
        expectClose(v, cpu[k]!, { rtol: 1e-4, atol: 1e-4 });
        // Each output element is computed by one thread in a fixed order.
        expect(two[k]).toEqual(v);
      });
    });
  }

  it('leaves large filters to the tiled kernels (each thread would pack its own copy)', () => {
    const info = conv2dInfo([1, 8, 8, 256], [3, 3, 256, 256], 1, 'same');
    expect([implicitForwardApplies(info), implicitInputGradApplies(info)]).toEqual([false, false]);
    // The filter gradient packs windows a tile of rows at a time instead, whatever the filter's size.
    expect(implicitFilterGradApplies(info)).toBe(true);
  });
});
