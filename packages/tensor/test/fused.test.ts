import { describe, expect, it } from 'vitest';
import {
  type AdamUpdateAttrs,
  type Backend,
  CpuBackend,
  type Tensor,
  ShapeError,
  ValueError,
  add,
  div,
  engine,
  mul,
  registerBackend,
  reshape,
  setBackend,
  sqrt,
  square,
  sub,
  tensor,
  zeros,
} from '@rectify/tensor';

const HYPER: AdamUpdateAttrs = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: 3, weightDecay: 0 };
const P = [0.5, -1, 2, 0, 3, -1e4, 1e-30];
const G = [0.1, -0.2, 0, 4, -1e-3, 50, 1e-20];
const M = [0, 0.01, 0.02, 0, 0, -3, 0];
const V = [0, 1e-4, 0, 0, 1e-6, 2, 0];

/** Adam/AdamW in float64, written out from the formula. */
function adamRef(h: AdamUpdateAttrs): { p: number[]; m: number[]; v: number[] } {
  const alpha = (h.learningRate * Math.sqrt(1 - h.beta2 ** h.step)) / (1 - h.beta1 ** h.step);
  const m = M.map((mi, i) => mi + (1 - h.beta1) * (G[i]! - mi));
  const v = V.map((vi, i) => vi + (1 - h.beta2) * (G[i]! ** 2 - vi));
  const p = P.map(
    (pi, i) => pi - h.learningRate * h.weightDecay * pi - (alpha * m[i]!) / (Math.sqrt(v[i]!) + h.epsilon),
  );
  return { p, m, v };
}

/** The update as rectify's optimizers compose it from elementwise ops. */
function composed(p: Tensor, g: Tensor, m0: Tensor, v0: Tensor, h: AdamUpdateAttrs): Tensor[] {
  const alpha = (h.learningRate * Math.sqrt(1 - h.beta2 ** h.step)) / (1 - h.beta1 ** h.step);
  const m = add(m0, mul(sub(g, m0), 1 - h.beta1));
  const v = add(v0, mul(sub(square(g), v0), 1 - h.beta2));
  const next = sub(p, div(mul(m, alpha), add(sqrt(v), h.epsilon)));
  return [h.weightDecay > 0 ? sub(next, mul(p, h.learningRate * h.weightDecay)) : next, m, v];
}

/** Relative to the magnitude, as float32 allows (index 2's step is α·m/ε ≈ 2000). */
function expectClose(actual: Tensor, ref: readonly number[]): void {
  Array.from(actual.dataSync()).forEach((x, i) =>
    expect(Math.abs(x - ref[i]!)).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(ref[i]!))),
  );
}

const inputs = (): [Tensor, Tensor, Tensor, Tensor] => [tensor(P), tensor(G), tensor(M), tensor(V)];

describe('engine.runFused — adamUpdate on the cpu backend', () => {
  for (const weightDecay of [0, 0.5]) {
    it(`matches the float64 formula and the composed ops (weightDecay ${weightDecay})`, () => {
      setBackend('cpu');
      const h = { ...HYPER, weightDecay };
      const ref = adamRef(h);
      engine.tidy(() => {
        const [p, g, m, v] = inputs();
        const out = engine.runFused('adamUpdate', [p, g, m, v], h)!;
        expect(out.map((t) => t.shape)).toEqual([[7], [7], [7]]);
        expectClose(out[0], ref.p);
        expectClose(out[1], ref.m);
        expectClose(out[2], ref.v);
        composed(p, g, m, v, h).forEach((t, i) => expectClose(out[i]!, Array.from(t.dataSync())));
        // Not donated: the inputs keep their values.
        expect(Array.from(p.dataSync())).toEqual(Array.from(new Float32Array(P)));
      });
    });
  }

  it('propagates NaN and handles empty tensors', () => {
    engine.tidy(() => {
      const [p, , m, v] = inputs();
      const g = tensor([NaN, 0, 0, 0, 0, 0, 0]);
      const [p1, m1] = engine.runFused('adamUpdate', [p, g, m, v], HYPER)!;
      expect(p1.dataSync()[0]).toBeNaN();
      expect(m1.dataSync()[0]).toBeNaN();
      expect(p1.dataSync()[1]).not.toBeNaN();
      const e = zeros([0, 3]);
      const out = engine.runFused('adamUpdate', [e, e, e, e], HYPER)!;
      expect(out.map((t) => t.shape)).toEqual([
        [0, 3],
        [0, 3],
        [0, 3],
      ]);
    });
  });

  it('overwrites donated inputs only when no other tensor shares their buffers', () => {
    engine.tidy(() => {
      const [p, g, m, v] = inputs();
      expect([p, g, m, v].every((t) => engine.isExclusive(t))).toBe(true);
      const out = engine.runFused('adamUpdate', [p, g, m, v], HYPER, { donate: true })!;
      expect(out[0].dataId).toBe(p.dataId);
      expect(out[1].dataId).toBe(m.dataId);
      expect(out[2].dataId).toBe(v.dataId);
      expect(engine.isExclusive(p)).toBe(false); // p and out[0] now share it
      expectClose(p, adamRef(HYPER).p);

      const [q, g2, m2, v2] = inputs();
      const saved = reshape(m2, [7]); // e.g. a view getWeights handed out
      const shared = engine.runFused('adamUpdate', [q, g2, m2, v2], HYPER, { donate: true })!;
      expect(shared[0].dataId).not.toBe(q.dataId);
      expect(Array.from(saved.dataSync())).toEqual(Array.from(new Float32Array(M)));
      expectClose(shared[0], adamRef(HYPER).p);
      saved.dispose();
      expect(engine.isExclusive(m2)).toBe(true);
      m2.dispose();
      expect(engine.isExclusive(m2)).toBe(false);
    });
  });

  it('never overwrites a tensor passed as two inputs', () => {
    engine.tidy(() => {
      const [p, , m, v] = inputs();
      const out = engine.runFused('adamUpdate', [p, p, m, v], HYPER, { donate: true })!;
      expect(out[0].dataId).not.toBe(p.dataId);
      expect(Array.from(p.dataSync())).toEqual(Array.from(new Float32Array(P)));
    });
  });

  it('is not recorded: op listeners never hear of it', () => {
    const heard: string[] = [];
    const stop = engine.addOpListener((r) => heard.push(r.op));
    try {
      engine.tidy(() => {
        const [p, g, m, v] = inputs();
        heard.length = 0;
        engine.runFused('adamUpdate', [p, g, m, v], HYPER, { donate: true });
      });
    } finally {
      stop();
    }
    expect(heard).toEqual([]);
  });

  it('returns null on a backend without the kernel, after validating the inputs all the same', () => {
    const plain = (): Backend =>
      Object.assign(Object.create(new CpuBackend()) as Backend, { name: 'cpu-unfused', fused: undefined });
    registerBackend('cpu-unfused', plain, -3);
    setBackend('cpu-unfused');
    try {
      engine.tidy(() => {
        const [p, g, m, v] = inputs();
        expect(engine.runFused('adamUpdate', [p, g, m, v], HYPER, { donate: true })).toBeNull();
        expect(Array.from(p.dataSync())).toEqual(Array.from(new Float32Array(P)));
        expect(() => engine.runFused('adamUpdate', [p, tensor([1]), m, v], HYPER)).toThrow(
          'adamUpdate: g must have the shape of p [7], received [1]',
        );
      });
    } finally {
      setBackend('cpu');
    }
  });

  it('names the input or option it rejects', () => {
    engine.tidy(() => {
      const [p, g, m, v] = inputs();
      const run =
        (h: Partial<AdamUpdateAttrs>, xs: Tensor[] = [p, g, m, v]) =>
        () =>
          engine.runFused('adamUpdate', xs as [Tensor, Tensor, Tensor, Tensor], { ...HYPER, ...h });
      expect(run({}, [p, g, tensor([[1, 2]]), v])).toThrow(ShapeError);
      expect(run({}, [p, g, tensor([[1, 2]]), v])).toThrow(
        'adamUpdate: m must have the shape of p [7], received [1,2]',
      );
      expect(run({}, [p, g, m, tensor([1, 2, 3, 4, 5, 6, 7], [7], 'int32')])).toThrow(
        'adamUpdate: v must be float32, received int32',
      );
      expect(run({ step: 0 })).toThrow(ValueError);
      expect(run({ step: 0 })).toThrow('adamUpdate: step must be an integer >= 1, received 0');
      expect(run({ step: 1.5 })).toThrow('adamUpdate: step must be an integer >= 1, received 1.5');
      expect(run({ beta1: 1 })).toThrow('adamUpdate: beta1 must be in [0, 1), received 1');
      expect(run({ beta2: NaN })).toThrow('adamUpdate: beta2 must be in [0, 1), received NaN');
      expect(run({ learningRate: -1 })).toThrow('adamUpdate: learningRate must be a finite number >= 0, received -1');
      expect(run({ epsilon: Infinity })).toThrow('adamUpdate: epsilon must be a finite number >= 0, received Infinity');
      expect(run({ weightDecay: -0.1 })).toThrow('adamUpdate: weightDecay must be a finite number >= 0, received -0.1');
      p.dispose();
      expect(run({})).toThrow(/^adamUpdate: tensor \d+ \(shape \[7\]\) was already disposed$/);
    });
  });
});
