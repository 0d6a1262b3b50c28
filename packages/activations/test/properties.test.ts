import { describe, expect, it } from 'vitest';
import { get, list } from '@rectify/activations';
import { cases } from './cases.js';

// A fine grid (steps of 0.001 over [-30, 30]) plus the far ends, where bounded activations reach their limits.
const dense: number[] = [];
for (let i = -30000; i <= 30000; i++) dense.push(i / 1000);
const probes = [-1e30, -1e4, ...dense, 1e4, 1e30];

describe('properties agree with the functions', () => {
  describe.each(cases)('$label', ({ config }) => {
    const act = get(config);
    const ys = probes.map((x) => act.f(x));
    const [lo, hi] = act.properties.range;

    it('every output lies in the stated range, and the range is tight', () => {
      const min = Math.min(...ys);
      const max = Math.max(...ys);
      expect(min).toBeGreaterThanOrEqual(lo);
      expect(max).toBeLessThanOrEqual(hi);
      // A finite bound is reached (to 1e-6) on the grid; an infinite one is left far behind at the ends.
      if (Number.isFinite(lo)) expect(min - lo).toBeLessThan(1e-6);
      else expect(min).toBeLessThan(-10);
      if (Number.isFinite(hi)) expect(hi - max).toBeLessThan(1e-6);
      else expect(max).toBeGreaterThan(10);
    });

    it('monotonic exactly when f never decreases', () => {
      const decreases = ys.some((y, i) => i > 0 && y < ys[i - 1]!);
      expect(decreases).toBe(!act.properties.monotonic);
    });

    it('smooth exactly when f′ has no jump: compared across each grid step', () => {
      const jump = dense.some((x) => Math.abs(act.df(x + 1e-9) - act.df(x - 1e-9)) > 1e-3);
      expect(jump).toBe(!act.properties.smooth);
    });

    it('zero-centred ones are odd (or, for selu, mean-zero under a standard normal input)', () => {
      if (!act.properties.zeroCentred) return;
      if (act.name === 'selu') return; // the fixed-point test below
      for (const x of [0.3, 1.7, 12]) expect(act.f(-x)).toBe(-act.f(x));
    });
  });

  it('selu is self-normalizing: for z ~ N(0, 1), E[selu(z)] = 0 and E[selu(z)²] = 1', () => {
    const selu = get('selu');
    // Simpson's rule on [-12, 12], where the normal density is negligible beyond.
    const n = 24000;
    const h = 24 / n;
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i <= n; i++) {
      const z = -12 + i * h;
      const w = (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * (h / 3) * (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI));
      m1 += w * selu.f(z);
      m2 += w * selu.f(z) ** 2;
    }
    expect(Math.abs(m1)).toBeLessThan(1e-6);
    expect(Math.abs(m2 - 1)).toBeLessThan(1e-6);
  });

  it('the ReLU family is the gating activations; saturating and normalizing ones are not', () => {
    expect(list().filter((n) => get(n).properties.reluFamily)).toEqual([
      'celu',
      'elu',
      'gelu',
      'hardSwish',
      'leakyRelu',
      'mish',
      'prelu',
      'relu',
      'relu6',
      'selu',
      'swish',
    ]);
    expect(list().filter((n) => !get(n).properties.elementwise)).toEqual(['logSoftmax', 'softmax']);
  });

  it('properties follow the options', () => {
    expect(get({ name: 'leakyRelu', alpha: 0 }).properties.range).toEqual([0, Infinity]);
    expect(get({ name: 'leakyRelu', alpha: -1 }).properties.monotonic).toBe(false);
    expect(get({ name: 'elu', alpha: 2 }).properties.range).toEqual([-2, Infinity]);
    expect(get({ name: 'elu', alpha: 2 }).properties.smooth).toBe(false);
    expect(get({ name: 'celu', alpha: 2 }).properties.smooth).toBe(true);
    expect(get({ name: 'swish', beta: 0 }).properties.monotonic).toBe(true);
    expect(get({ name: 'gelu', approximate: 'tanh' }).properties.range[0]).toBeCloseTo(-0.17004075, 8);
  });
});
