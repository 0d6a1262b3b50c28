import { describe, expect, it } from 'vitest';
import { checkGradients } from '@rectify/autograd';
import { ShapeError, ValueError, mul, scalar, sum, tensor } from '@rectify/tensor';
import { get, logSoftmax, softmax } from '@rectify/activations';
import { firstMismatch } from './reference.js';

const LOGITS = [
  [1, 2, 3, -4],
  [1e4, 0, -1e4, 5],
  [-50, -50.5, -49, -51],
];

/** float64 softmax of one slice, max-shifted. */
function refSoftmax(slice: readonly number[]): number[] {
  const m = Math.max(...slice);
  const e = slice.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
function refLogSoftmax(slice: readonly number[]): number[] {
  const m = Math.max(...slice);
  const lse = m + Math.log(slice.reduce((a, v) => a + Math.exp(v - m), 0));
  return slice.map((v) => v - lse);
}

/** A reference applied along `axis` (0 or 1) of a matrix, with each element's largest |logit| in its slice. */
function along(
  m: number[][],
  axis: 0 | 1,
  ref: (s: readonly number[]) => number[],
): { want: number[]; sliceMax: number[] } {
  const t = (a: number[][]) => a[0]!.map((_, j) => a.map((r) => r[j]!));
  const slices = axis === 1 ? m : t(m);
  const out = slices.map(ref);
  const big = slices.map((s) => s.map(() => Math.max(...s.map(Math.abs))));
  return { want: (axis === 1 ? out : t(out)).flat(), sliceMax: (axis === 1 ? big : t(big)).flat() };
}

function expectClose(got: ArrayLike<number>, want: number[], scale: (k: number) => number): void {
  const idx = want.map((_, i) => i);
  const i = firstMismatch(idx, got, (k) => want[k]!, 1e-6, scale);
  expect(i, i >= 0 ? `element ${i}: got ${got[i]}, want ${want[i]}` : '').toBe(-1);
}

/**
 * Softmax: relative 1e-6, widened for tiny probabilities — @rectify/tensor computes softmax as exp(logSoftmax), and
 * rounding log p to float32 costs about |ln p|·6e-8 relative in p (1.6e-6 at p = 1e-23).
 */
const probabilityScale = (want: number[]) => (k: number) =>
  Math.abs(want[k]!) * Math.max(1, 0.12 * Math.abs(Math.log(Math.abs(want[k]!))));
/**
 * logSoftmax: x − logSumExp(x) cancels in float32 when one logit dominates (5 − 5.0001234), so the error is relative
 * to the size of the logits in the slice, as in every float32 implementation.
 */
const logScale = (want: number[], sliceMax: number[]) => (k: number) => Math.abs(want[k]!) + sliceMax[k]!;

describe('softmax and logSoftmax', () => {
  for (const axis of [1, 0] as const) {
    it(`match a float64 reference along axis ${axis}, even with logits of ±1e4`, () => {
      const s = along(LOGITS, axis, refSoftmax);
      expectClose(softmax(tensor(LOGITS), { axis }).dataSync(), s.want, probabilityScale(s.want));
      const l = along(LOGITS, axis, refLogSoftmax);
      expectClose(
        get({ name: 'logSoftmax', axis }).apply(tensor(LOGITS)).dataSync(),
        l.want,
        logScale(l.want, l.sliceMax),
      );
      expectClose(logSoftmax(tensor(LOGITS), { axis }).dataSync(), l.want, logScale(l.want, l.sliceMax));
    });
  }

  it('default to the last axis', () => {
    expect(Array.from(softmax(tensor(LOGITS)).dataSync())).toEqual(
      Array.from(softmax(tensor(LOGITS), { axis: 1 }).dataSync()),
    );
  });

  it('differentiate correctly through their primitive ops', () => {
    const x = tensor([
      [0.3, -1.2, 2.0],
      [0.5, 0.1, -0.7],
    ]);
    const w = tensor([
      [1, -2, 0.5],
      [3, 1, -1],
    ]);
    for (const f of [softmax, logSoftmax]) {
      const r = checkGradients((t) => sum(mul(f(t, { axis: 0 }), w)), [x], { tol: 5e-3 });
      expect(r.ok, r.message).toBe(true);
    }
  });

  it('expose the Jacobian diagonal as derivative, and the two-class curve as scalar f', () => {
    const x = tensor([[0.2, -1, 3]]);
    const s = refSoftmax([0.2, -1, 3]);
    const rel = (k: number) => Math.abs(s[k]!);
    expectClose(
      get('softmax').derivative(x).dataSync(),
      s.map((p) => p * (1 - p)),
      rel,
    );
    expectClose(
      get('logSoftmax').derivative(x).dataSync(),
      s.map((p) => 1 - p),
      () => 1,
    );
    for (const v of [-30, -2, 0, 0.7, 25]) {
      expect(get('softmax').f(v)).toBeCloseTo(refSoftmax([v, 0])[0]!, 15);
      expect(get('logSoftmax').f(v)).toBeCloseTo(refLogSoftmax([v, 0])[0]!, 12);
    }
    expect(get('logSoftmax').f(-1000)).toBe(-1000);
  });

  it('reject an axis out of range or a scalar, naming themselves', () => {
    expect(() => softmax(tensor(LOGITS), { axis: 2 })).toThrow(
      new ValueError('softmax: axis must be an integer in [-2, 1], received 2'),
    );
    expect(() => logSoftmax(scalar(1))).toThrow(new ShapeError('logSoftmax: x must have rank >= 1, received a scalar'));
  });
});
