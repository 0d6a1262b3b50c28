import { describe, expect, it } from 'vitest';
import { checkGradients, grad } from '@rectify/autograd';
import { type Tensor, tensor } from '@rectify/tensor';
import { get, list } from '@rectify/activations';
import { cases } from './cases.js';
import { firstMismatch, grid, smoothPoints } from './reference.js';

const xs = grid();
const REL = 1e-6;

function report(label: string, what: string, i: number, got: ArrayLike<number>, want: number): string {
  return `${label} ${what} at x = ${xs[i]}: got ${got[i]}, reference ${want}`;
}

describe('every elementwise activation against its float64 reference', () => {
  it('covers every activation of the registry except the softmax pair (tested on their own)', () => {
    const covered = new Set(cases.map((c) => get(c.config).name));
    expect(list().filter((n) => !covered.has(n))).toEqual(['logSoftmax', 'softmax']);
  });

  describe.each(cases)('$label', ({ label, config, call, ref, dfAtNaN = NaN }) => {
    const want = (f: (x: number) => number, atNaN: number) => (x: number) => (Number.isNaN(x) ? atNaN : f(x));
    const wantF = want(ref.f, NaN);
    const wantDf = want(ref.df, dfAtNaN);
    const scale = ref.dfScale ?? ((x: number) => Math.abs(ref.df(x)));

    it('float32 values within 1e-6 relative on the grid, NaN in NaN out', () => {
      const got = call(tensor(xs)).dataSync();
      const i = firstMismatch(xs, got, wantF, REL);
      expect(i, i >= 0 ? report(label, 'value', i, got, wantF(xs[i]!)) : '').toBe(-1);
    });

    it('the registry activation computes the same values as the tensor function', () => {
      const viaGet = get(config).apply(tensor(xs)).dataSync();
      expect(Array.from(viaGet)).toEqual(Array.from(call(tensor(xs)).dataSync()));
    });

    it('scalar f(x) in float64 within 1e-6 relative', () => {
      const act = get(config);
      const got = xs.map((x) => act.f(x));
      const i = firstMismatch(xs, got, wantF, REL);
      expect(i, i >= 0 ? report(label, 'scalar f', i, got, wantF(xs[i]!)) : '').toBe(-1);
    });

    it('autograd gradient equals the analytic derivative on the grid', () => {
      const got = grad(call)(tensor(xs)).dataSync();
      const i = firstMismatch(xs, got, wantDf, REL, scale);
      expect(i, i >= 0 ? report(label, 'derivative', i, got, wantDf(xs[i]!)) : '').toBe(-1);
    });

    it('scalar df(x) and the derivative tensor agree with the reference', () => {
      const act = get(config);
      const scalarDf = xs.map((x) => act.df(x));
      const i = firstMismatch(xs, scalarDf, wantDf, REL, scale);
      expect(i, i >= 0 ? report(label, 'scalar df', i, scalarDf, wantDf(xs[i]!)) : '').toBe(-1);
      const tensorDf = act.derivative(tensor(xs)).dataSync();
      const j = firstMismatch(xs, tensorDf, wantDf, REL, scale);
      expect(j, j >= 0 ? report(label, 'derivative()', j, tensorDf, wantDf(xs[j]!)) : '').toBe(-1);
    });

    it('the gradient matches central finite differences (checkGradients)', () => {
      const r = checkGradients((x: Tensor) => call(x), [tensor(smoothPoints)], { tol: 5e-3 });
      expect(r.ok, r.message).toBe(true);
    });

    it('never gives NaN or Infinity where the true value is finite', () => {
      const finite = xs.filter((x) => Number.isFinite(x));
      const y = call(tensor(finite)).dataSync();
      const d = grad(call)(tensor(finite)).dataSync();
      const bad = finite.filter((x, i) => !Number.isFinite(y[i]!) || !Number.isFinite(d[i]!));
      expect(bad).toEqual([]);
    });
  });
});
