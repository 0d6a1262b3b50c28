import { describe, expect, it } from 'vitest';
import { type Tensor, engine, lstmSequence, lstmSequenceGrad, mul, randomNormal, tensor } from '@rectify/tensor';
import { onBackend } from '@rectify/tensor/testing';
import { useWasm, withThreads } from './helpers.js';

/** Seeded inputs of one sequence: zx, u, h0, c0 and dh (every step's, or the last step's only). */
function inputs(steps: number, batch: number, units: number, everyStep: boolean): Tensor[] {
  const n = (shape: number[], seed: number, scale = 1) => mul(randomNormal(shape, 0, 1, 'float32', seed), scale);
  return [
    n([steps, batch, 4 * units], 1, 2),
    n([units, 4 * units], 2, 0.5),
    n([batch, units], 3),
    n([batch, units], 4),
    n(everyStep ? [steps, batch, units] : [batch, units], 5),
  ];
}

/** Forward then backward: [z, h, c, dz, dh0, dc0] as arrays, on the active backend. */
function runBoth(steps: number, batch: number, units: number, everyStep: boolean): Float32Array[] {
  return engine.tidy(() => {
    const [zx, u, h0, c0, dh] = inputs(steps, batch, units, everyStep) as [Tensor, Tensor, Tensor, Tensor, Tensor];
    const [z, h, c] = lstmSequence(zx, u, h0, c0);
    const grads = lstmSequenceGrad(z, c, c0, u, dh);
    return [z, h, c, ...grads].map((t) => {
      expect(t.backend.name).toBe(engine.backendName);
      return t.dataSync() as Float32Array;
    });
  });
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('fused lstmSequence / lstmSequenceGrad (one task per sequence)', () => {
  // Units not a multiple of the block or of four lanes, batches not a multiple of four rows, one step, one unit.
  const CASES = [
    [5, 6, 13],
    [3, 32, 128],
    [1, 1, 1],
    [4, 7, 40],
    [2, 3, 70],
  ] as const;
  for (const [steps, batch, units] of CASES) {
    for (const everyStep of [false, true]) {
      it(`matches the cpu backend's step-by-step ops: ${steps} steps, batch ${batch}, ${units} units, dh ${everyStep ? 'every step' : 'last step'}`, async () => {
        const ref = onBackend('cpu', () => runBoth(steps, batch, units, everyStep));
        const one = await withThreads(1, () => runBoth(steps, batch, units, everyStep));
        const two = await withThreads(2, () => runBoth(steps, batch, units, everyStep));
        ref.forEach((r, i) => {
          const scale = Math.max(1, ...Array.from(r, Math.abs));
          expect(maxDiff(one[i]!, r) / scale).toBeLessThan(2e-5);
          // Every element is computed by one block in a fixed order: the thread count changes nothing.
          expect(Array.from(two[i]!)).toEqual(Array.from(one[i]!));
        });
      });
    }
  }

  it('writes z over the donated zx when nothing else holds it, and copies otherwise', () => {
    useWasm();
    engine.tidy(() => {
      const [zx, u, h0, c0] = inputs(3, 2, 5, false) as [Tensor, Tensor, Tensor, Tensor];
      const kept = zx.dataSync().slice();
      const shared = engine.runFused('lstmSequence', [zx, u, h0, c0], {})!;
      expect(shared[0].dataId).not.toBe(zx.dataId);
      expect(Array.from(zx.dataSync())).toEqual(Array.from(kept));
      const donated = engine.runFused('lstmSequence', [zx, u, h0, c0], {}, { donate: true })!;
      expect(donated[0].dataId).toBe(zx.dataId);
      expect(Array.from(donated[0].dataSync())).toEqual(Array.from(shared[0].dataSync()));
    });
  });

  it('handles an empty batch', () => {
    useWasm();
    engine.tidy(() => {
      const [z, h, c] = lstmSequence(
        tensor([], [2, 0, 8]),
        randomNormal([2, 8]),
        tensor([], [0, 2]),
        tensor([], [0, 2]),
      );
      expect([z.shape, h.shape, c.shape]).toEqual([
        [2, 0, 8],
        [2, 0, 2],
        [2, 0, 2],
      ]);
      const [dz, dh0, dc0] = lstmSequenceGrad(z, c, tensor([], [0, 2]), randomNormal([2, 8]), tensor([], [0, 2]));
      expect([dz.shape, dh0.shape, dc0.shape]).toEqual([
        [2, 0, 8],
        [0, 2],
        [0, 2],
      ]);
    });
  });
});
