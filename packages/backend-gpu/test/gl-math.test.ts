import { describe, expect, it } from 'vitest';
import { GL_HELPERS, GL_MATH_REPLACEMENTS, glHelperClosure, glNativeFunctions } from '../src/scalar/gl-math.js';

type Fn = (...args: number[]) => number;

/**
 * The GL helpers are plain JavaScript (gpu.js translates them), so their algorithms can be checked here in
 * float64 against Math; the browser test checks them again in float32 on WebGL2.
 */
const h = new Function(
  `const rfInf = () => Infinity; const rfNaN = () => NaN;
  ${Object.values(GL_HELPERS)
    .map((x) => x.source)
    .join('\n')}
  return { ${Object.keys(GL_HELPERS).join(', ')} };`,
)() as Record<string, Fn>;

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
}

function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

describe('gl-math helpers', () => {
  it('every replaced Math function has a helper, and closures list callees before callers', () => {
    for (const name of Object.values(GL_MATH_REPLACEMENTS)) expect(GL_HELPERS[name]).toBeDefined();
    expect(glHelperClosure(['rfLog2'])).toEqual(['rfLog', 'rfLog2']);
    expect(glHelperClosure(['rfExpm1', 'rfExp'])).toEqual(['rfExp', 'rfExpm1']);
    expect(glHelperClosure(['rfInf'])).toEqual([]);
  });

  it('sin and cos stay within 2e-7 of Math up to |x| = 1e5 (Cody–Waite reduction)', () => {
    const xs = [...grid(-10, 10, 2001), ...grid(-1e5, 1e5, 2001), 1e-30, -1e-30, 0, Math.PI / 4, 1e5 - 0.3];
    for (const x of xs) {
      expect(Math.abs(h.rfSin!(x) - Math.sin(x))).toBeLessThan(2e-7);
      expect(Math.abs(h.rfCos!(x) - Math.cos(x))).toBeLessThan(2e-7);
    }
    expect(h.rfSin!(1e-30)).toBe(1e-30);
    expect([NaN, Infinity, -Infinity].map((v) => h.rfSin!(v))).toEqual([NaN, NaN, NaN]);
    expect([NaN, Infinity, -Infinity].map((v) => h.rfCos!(v))).toEqual([NaN, NaN, NaN]);
  });

  it('tanh is within 1e-6 relative everywhere, exact ±1 past 9.1, NaN in NaN out (GLSL tanh overflows to NaN)', () => {
    for (const x of [...grid(-12, 12, 4801), 1e-30, -1e-7, 0.124999, 0.125])
      expect(relErr(h.rfTanh!(x), Math.tanh(x))).toBeLessThan(1e-6);
    expect([100, -100, 1e30, Infinity, -Infinity].map((v) => h.rfTanh!(v))).toEqual([1, -1, 1, 1, -1]);
    expect(h.rfTanh!(NaN)).toBeNaN();
    expect(Object.is(h.rfTanh!(-0), -0)).toBe(true);
  });

  it('expm1 and log1p keep their digits near 0 (gpu.js writes them as exp(x) − 1 and log(1 + x))', () => {
    for (const x of [...grid(-3, 3, 1201), 1e-10, -1e-10, 1e-30, 0.4999, 0.5]) {
      expect(relErr(h.rfExpm1!(x), Math.expm1(x))).toBeLessThan(1e-7);
      if (x > -1) expect(relErr(h.rfLog1p!(x), Math.log1p(x))).toBeLessThan(1e-7);
    }
    expect(h.rfLog1p!(-1)).toBe(-Infinity);
    expect(h.rfLog1p!(-2)).toBeNaN();
    expect(h.rfLog1p!(NaN)).toBeNaN();
    expect(h.rfExpm1!(NaN)).toBeNaN();
  });

  it('log, log2, log10 and sqrt give JavaScript results outside their domains (GLSL leaves them undefined)', () => {
    expect([0, -0, -1, NaN, Infinity, Math.E].map((v) => h.rfLog!(v))).toEqual([
      -Infinity,
      -Infinity,
      NaN,
      NaN,
      Infinity,
      1,
    ]);
    expect(h.rfLog2!(8)).toBeCloseTo(3, 14);
    expect(h.rfLog10!(1000)).toBeCloseTo(3, 14);
    expect([4, 0, -4, NaN].map((v) => h.rfSqrt!(v))).toEqual([2, 0, NaN, NaN]);
    expect(h.rfExp!(NaN)).toBeNaN();
  });

  it('max and min propagate NaN, as JavaScript does (relu6(NaN) is NaN)', () => {
    expect([
      h.rfMax!(NaN, 0),
      h.rfMax!(0, NaN),
      h.rfMin!(NaN, 6),
      h.rfMax!(1, 2),
      h.rfMin!(1, 2),
      h.rfMax!(-Infinity, 3),
    ]).toEqual([NaN, NaN, NaN, 2, 1, 3]);
  });

  it('pow: exact integer powers, signed negative bases, and JavaScript special cases', () => {
    const pow = h.rfPow!;
    // Hand-checked: 5² = 25, 3²⁰ = 3486784401, (−2)³ = −8, (−2)⁻² = 0.25, 2⁻¹⁰ = 1/1024.
    expect([pow(5, 2), pow(3, 20), pow(-2, 3), pow(-2, -2), pow(2, -10)]).toEqual([25, 3486784401, -8, 0.25, 1 / 1024]);
    expect(pow(2, 0.5)).toBeCloseTo(Math.SQRT2, 15);
    expect([pow(NaN, 0), pow(0, 0), pow(-8, 1 / 3), pow(NaN, 2), pow(2, NaN)]).toEqual([1, 1, NaN, NaN, NaN]);
    expect([pow(0, -1), pow(-0, -1), pow(0, 3), pow(-Infinity, 3), pow(-Infinity, 2), pow(Infinity, -1)]).toEqual([
      Infinity,
      -Infinity,
      0,
      -Infinity,
      Infinity,
      0,
    ]);
    for (const [x, y] of [
      [1.1, 7],
      [-0.9, 13],
      [7, -3],
      [10, 7.5],
      [0.3, -2.25],
    ] as const) {
      expect(relErr(pow(x, y), Math.pow(x, y))).toBeLessThan(1e-13);
    }
  });

  it('native infinities: GLSL ES 3.00 builds them from bits, ES 1.00 by dividing by a zero variable', () => {
    const [inf2, nan2] = glNativeFunctions('webgl2');
    expect(inf2!.source).toBe('float rfInf() {\n  return intBitsToFloat(2139095040);\n}');
    expect(nan2!.source).toBe('float rfNaN() {\n  return intBitsToFloat(2143289344);\n}');
    expect(glNativeFunctions('webgl')[0]!.source).toBe('float rfInf() {\n  float z = 0.0;\n  return 1.0 / z;\n}');
    // 0x7f800000 and 0x7fc00000 are +∞ and the quiet NaN.
    const bits = new Int32Array(new Float32Array([Infinity, NaN]).buffer);
    expect([...bits]).toEqual([2139095040, 2143289344]);
  });
});
