import { describe, expect, it } from 'vitest';
import {
  type AdamUpdateAttrs,
  type Tensor,
  abs,
  add,
  biasActivation,
  div,
  engine,
  mul,
  reshape,
  sqrt,
  square,
  sub,
  tensor,
  unaryFn,
} from '@rectify/tensor';
import { onBackend } from '@rectify/tensor/testing';
import * as act from '@rectify/activations';
import { normal, useWasm, withThreads } from './helpers.js';

describe('fused kernels', () => {
  it('adds a bias and applies an activation in one pass: SIMD for relu and sigmoid, a JS loop for a user function', () => {
    useWasm();
    const x = tensor([
      [1, -2, 0.5],
      [3, -4, -0.5],
    ]);
    const bias = tensor([0.5, 1, 0]);
    const sums = [1.5, -1, 0.5, 3.5, -3, -0.5];
    expect(Array.from(biasActivation(x, bias, act.reluFn).dataSync())).toEqual([1.5, 0, 0.5, 3.5, 0, 0]);
    const sig = Array.from(biasActivation(x, bias, act.sigmoidFn).dataSync());
    sig.forEach((v, i) => expect(v).toBeCloseTo(1 / (1 + Math.exp(-sums[i]!)), 6));
    const cube = unaryFn({ name: 'cube', f: (v) => v * v * v });
    expect(Array.from(biasActivation(x, bias, cube).dataSync())).toEqual(sums.map((v) => v ** 3));
  });

  const P = [0.5, -1, 2, 0, 3, -1e4, 1e-30, 7, -0.25];
  const G = [0.1, -0.2, 0, 4, -1e-3, 50, 1e-20, NaN, 2];
  const M = [0, 0.01, 0.02, 0, 0, -3, 0, 0.5, 0.1];
  const V = [0, 1e-4, 0, 0, 1e-6, 2, 0, 1, 0.3];
  const adamRef = (h: AdamUpdateAttrs) => {
    const alpha = (h.learningRate * Math.sqrt(1 - h.beta2 ** h.step)) / (1 - h.beta1 ** h.step);
    const m = M.map((mi, i) => mi + (1 - h.beta1) * (G[i]! - mi));
    const v = V.map((vi, i) => vi + (1 - h.beta2) * (G[i]! ** 2 - vi));
    const p = P.map(
      (pi, i) => pi - h.learningRate * h.weightDecay * pi - (alpha * m[i]!) / (Math.sqrt(v[i]!) + h.epsilon),
    );
    return [p, m, v];
  };
  // Index 2 has g = 0 and v = 0: its step is α·m/ε ≈ 2000, so the tolerance is relative; index 7 is NaN.
  const expectClose = (t: Tensor, ref: readonly number[]) =>
    Array.from(t.dataSync()).forEach((x, i) => {
      if (Number.isNaN(ref[i]!)) expect(x).toBeNaN();
      else expect(Math.abs(x - ref[i]!)).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(ref[i]!)));
    });

  for (const [weightDecay, threads] of [
    [0, 1],
    [0.5, 1],
    [0.5, 2],
  ] as const) {
    it(`takes one Adam step in one pass through engine.runFused (weightDecay ${weightDecay}, ${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const h: AdamUpdateAttrs = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 3, weightDecay };
      const ref = adamRef(h);
      await withThreads(threads, () => {
        const out = engine.runFused('adamUpdate', [tensor(P), tensor(G), tensor(M), tensor(V)], h)!;
        out.forEach((t, i) => {
          expect(t.backend.name).toBe('wasm');
          expectClose(t, ref[i]!);
        });
        // The cpu backend's one-pass loop agrees.
        const onCpu = onBackend('cpu', () =>
          engine
            .runFused('adamUpdate', [tensor(P), tensor(G), tensor(M), tensor(V)], h)!
            .map((t) => Array.from(t.dataSync())),
        );
        out.forEach((t, i) => expectClose(t, onCpu[i]!));
      });
    });
  }

  it('matches the composed update over a large parameter split across threads', async () => {
    const h: AdamUpdateAttrs = {
      learningRate: 1e-3,
      beta1: 0.9,
      beta2: 0.98,
      epsilon: 1e-7,
      step: 7,
      weightDecay: 0.01,
    };
    await withThreads(2, () => {
      const [p, g, m0] = [1, 2, 3].map((seed) => normal([300, 257], seed));
      const v0 = abs(normal([300, 257], 4));
      const out = engine.runFused('adamUpdate', [p!, g!, m0!, v0], h)!;
      const alpha = (h.learningRate * Math.sqrt(1 - h.beta2 ** h.step)) / (1 - h.beta1 ** h.step);
      const m = add(m0!, mul(sub(g!, m0!), 1 - h.beta1));
      const v = add(v0, mul(sub(square(g!), v0), 1 - h.beta2));
      const next = sub(sub(p!, div(mul(m, alpha), add(sqrt(v), h.epsilon))), mul(p!, h.learningRate * h.weightDecay));
      [next, m, v].forEach((t, i) => expectClose(out[i]!, Array.from(t.dataSync())));
    });
  });

  it('updates in place when the inputs are donated and exclusive', () => {
    useWasm();
    engine.tidy(() => {
      const p = tensor([1, 2]);
      const h: AdamUpdateAttrs = {
        learningRate: 0.1,
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-7,
        step: 1,
        weightDecay: 0,
      };
      const out = engine.runFused('adamUpdate', [p, tensor([1, -1]), tensor([0, 0]), tensor([0, 0])], h, {
        donate: true,
      })!;
      expect(out[0].dataId).toBe(p.dataId);
      // First step: m = 0.1g, v = 0.001g², α = lr·√0.001/0.1, so each parameter moves by lr·sign(g) (up to ε).
      Array.from(p.dataSync()).forEach((x, i) => expect(x).toBeCloseTo([0.9, 2.1][i]!, 6));
      const q = tensor([1, 2]);
      const view = reshape(q, [2, 1]);
      const copy = engine.runFused('adamUpdate', [q, tensor([1, -1]), tensor([0, 0]), tensor([0, 0])], h, {
        donate: true,
      })!;
      expect(copy[0].dataId).not.toBe(q.dataId);
      expect(Array.from(view.dataSync())).toEqual([1, 2]);
    });
  });
});
