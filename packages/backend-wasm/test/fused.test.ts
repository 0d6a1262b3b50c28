import { describe, expect, it } from 'vitest';
import { type TensorInfo, tensor, unaryFn } from '@rectify/tensor';
import * as act from '@rectify/activations';
import { useWasm } from './helpers.js';

const info = (t: ReturnType<typeof tensor>): TensorInfo => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });

describe('fused kernels', () => {
  it('adds a bias and applies an activation in one pass', () => {
    const b = useWasm();
    const x = tensor([[1, -2, 0.5], [3, -4, -0.5]]);
    const bias = tensor([0.5, 1, 0]);
    const relu = b.fused.biasActivation(info(x), info(bias), act.reluFn)!;
    expect(Array.from(b.readSync(relu.dataId))).toEqual([1.5, 0, 0.5, 3.5, 0, 0]);
    const plain = b.fused.biasActivation(info(x), info(bias))!;
    expect(Array.from(b.readSync(plain.dataId))).toEqual([1.5, -1, 0.5, 3.5, -3, -0.5]);
    const sig = b.fused.biasActivation(info(x), info(bias), act.sigmoidFn)!;
    const expected = [1.5, -1, 0.5, 3.5, -3, -0.5].map((v) => 1 / (1 + Math.exp(-v)));
    Array.from(b.readSync(sig.dataId)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    [relu, plain, sig].forEach((t) => b.disposeData(t.dataId));
  });

  it('declines functions it has no fused kernel for, and checks the bias shape', () => {
    const b = useWasm();
    const x = tensor([[1, 2], [3, 4]]);
    const cube = unaryFn({ name: 'cube', f: (v) => v * v * v });
    expect(b.fused.biasActivation(info(x), info(tensor([1, 2])), cube)).toBeNull();
    expect(() => b.fused.biasActivation(info(x), info(tensor([1, 2, 3])))).toThrow(
      'biasActivation: bias must have shape [2] to match x [2,2], received [3]',
    );
  });

  it('takes one Adam step in one pass, matching the update of rectify\'s Adam optimizer', () => {
    const b = useWasm();
    const p = [0.5, -1, 2, 0, 3];
    const g = [0.1, -0.2, 0, 4, -1e-3];
    const m = [0, 0.01, 0.02, 0, 0];
    const v = [0, 1e-4, 0, 0, 1e-6];
    const h = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 3 };
    const out = b.fused.adam(info(tensor(p)), info(tensor(g)), info(tensor(m)), info(tensor(v)), h);
    const m1 = m.map((mi, i) => mi + 0.1 * (g[i]! - mi));
    const v1 = v.map((vi, i) => vi + 0.001 * (g[i]! ** 2 - vi));
    const alpha = (0.01 * Math.sqrt(1 - 0.999 ** 3)) / (1 - 0.9 ** 3);
    const p1 = p.map((pi, i) => pi - (alpha * m1[i]!) / (Math.sqrt(v1[i]!) + 1e-7));
    // Index 2 has g = 0 and v = 0: its step is α·m/ε ≈ 2000, so the tolerance is relative.
    const close = (t: TensorInfo, ref: number[]) =>
      Array.from(b.readSync(t.dataId)).forEach((x, i) => expect(Math.abs(x - ref[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref[i]!))));
    close(out.p, p1);
    close(out.m, m1);
    close(out.v, v1);
  });

  it('updates in place when asked, and names a mismatched slot', () => {
    const b = useWasm();
    const p = tensor([1, 2]);
    const h = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 1 };
    const out = b.fused.adam(info(p), info(tensor([1, -1])), info(tensor([0, 0])), info(tensor([0, 0])), h, true);
    expect(out.p.dataId).toBe(p.dataId);
    // First step: m = 0.1g, v = 0.001g², α = lr·√0.001/0.1, so each parameter moves by lr·sign(g) (up to ε).
    Array.from(p.dataSync()).forEach((x, i) => expect(x).toBeCloseTo([0.9, 2.1][i]!, 6));
    expect(() => b.fused.adam(info(p), info(tensor([1, 2, 3])), info(tensor([0, 0])), info(tensor([0, 0])), h)).toThrow(
      'adam: g must be float32 with shape [2], received float32 [3]',
    );
    expect(() => b.fused.adam(info(p), info(p), info(p), info(p), { ...h, step: 0 })).toThrow('adam: step must be >= 1, received 0');
  });
});
