/**
 * Float64 reference implementations, written independently of the kernels (different formulas where the kernel
 * uses a trick), plus the input grid and the tolerance rules every activation test shares.
 */

/** erfc to ~1e-13 relative: the Maclaurin series of erf below 2, the continued fraction of erfc above. */
export function erfc(z: number): number {
  if (z < 0) return 2 - erfc(-z);
  if (z < 2) {
    let sum = 0;
    let term = z;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-z * z) / (n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  let t = z;
  for (let k = 300; k >= 1; k--) t = z + k / 2 / t;
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / t;
}

const sig = (t: number): number => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));
/** σ'(t) without cancellation. */
const sigPrime = (t: number): number => Math.exp(-Math.abs(t)) / (1 + Math.exp(-Math.abs(t))) ** 2;
const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const sech2 = (x: number): number => 1 / Math.cosh(x) ** 2;
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const Phi = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);
const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const hardSig = (x: number): number => (x <= -3 ? 0 : x >= 3 ? 1 : (x + 3) / 6);

export interface Reference {
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
  /**
   * The size of the terms df is a sum of (|Φ| + |xφ| for gelu). Where they cancel (at a root of df) no formula
   * keeps relative accuracy, so the tolerance is relative to this. Default |df|.
   */
  readonly dfScale?: (x: number) => number;
}

const geluTanhU = (x: number): number => Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3);
const geluTanhGate = (x: number): number => {
  const u = geluTanhU(x);
  return u >= 0 ? 0.5 * (1 + Math.tanh(u)) : Math.exp(2 * u) / (1 + Math.exp(2 * u));
};
const geluTanhDfTerms = (x: number): [number, number] => {
  const du = Math.sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * x * x);
  return [geluTanhGate(x), 0.5 * x * sech2(geluTanhU(x)) * du];
};

export const references = {
  linear: (): Reference => ({ f: (x) => x, df: () => 1 }),
  relu: (): Reference => ({ f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) }),
  relu6: (): Reference => ({ f: (x) => (x <= 0 ? 0 : x >= 6 ? 6 : x), df: (x) => (x > 0 && x < 6 ? 1 : 0) }),
  leakyRelu: (a: number): Reference => ({ f: (x) => (x > 0 ? x : a * x), df: (x) => (x > 0 ? 1 : a) }),
  elu: (a: number): Reference => ({
    f: (x) => (x > 0 ? x : a * Math.expm1(x)),
    df: (x) => (x > 0 ? 1 : a * Math.exp(x)),
  }),
  selu: (): Reference => ({
    f: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
    df: (x) => SELU_SCALE * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
  }),
  celu: (a: number): Reference => ({
    f: (x) => Math.max(0, x) + Math.min(0, a * Math.expm1(x / a)),
    df: (x) => (x > 0 ? 1 : Math.exp(x / a)),
  }),
  gelu: (): Reference => ({
    f: (x) => x * Phi(x),
    df: (x) => Phi(x) + x * phi(x),
    dfScale: (x) => Phi(x) + Math.abs(x * phi(x)),
  }),
  geluTanh: (): Reference => ({
    f: (x) => x * geluTanhGate(x),
    df: (x) => geluTanhDfTerms(x)[0] + geluTanhDfTerms(x)[1],
    dfScale: (x) => Math.abs(geluTanhDfTerms(x)[0]) + Math.abs(geluTanhDfTerms(x)[1]),
  }),
  swish: (b: number): Reference => ({
    f: (x) => x * sig(b * x),
    df: (x) => sig(b * x) + b * x * sigPrime(b * x),
    dfScale: (x) => sig(b * x) + Math.abs(b * x * sigPrime(b * x)),
  }),
  mish: (): Reference => ({
    f: (x) => x * Math.tanh(softplus(x)),
    df: (x) => Math.tanh(softplus(x)) + x * sech2(softplus(x)) * sig(x),
    dfScale: (x) => Math.tanh(softplus(x)) + Math.abs(x * sech2(softplus(x)) * sig(x)),
  }),
  hardSigmoid: (): Reference => ({ f: hardSig, df: (x) => (x > -3 && x < 3 ? 1 / 6 : 0) }),
  hardSwish: (): Reference => ({
    f: (x) => x * hardSig(x),
    df: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6),
    dfScale: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : hardSig(x) + Math.abs(x / 6)),
  }),
  sigmoid: (): Reference => ({ f: sig, df: sigPrime }),
  tanh: (): Reference => ({ f: Math.tanh, df: sech2 }),
  softplus: (): Reference => ({ f: softplus, df: sig }),
  softsign: (): Reference => ({ f: (x) => x / (1 + Math.abs(x)), df: (x) => 1 / (1 + Math.abs(x)) ** 2 }),
};

/** −20..20 by 0.01, then the points where kernels go wrong: signed zeros, tiny, huge, near float32's max, NaN. */
export function grid(): number[] {
  const xs: number[] = [];
  for (let i = -2000; i <= 2000; i++) xs.push(i / 100);
  xs.push(-0, 1e-8, -1e-8, 1e-3, -1e-3, 50, -50, 1000, -1000, 1e4, -1e4, 1e30, -1e30, 3e38, -3e38, NaN);
  return xs.map(Math.fround);
}

/** Points away from every kink (0, ±3, 6), where central differences with eps 1e-3 are meaningful. */
export const smoothPoints = [-4.7, -2.2, -1.1, -0.45, 0.35, 0.8, 1.6, 2.9, 4.4, 7.3];

const SUBNORMAL = 2 ** -149;

/** The first index where `got` is not within `rel` of `want` (relative to `scale`, default |want|), or −1. */
export function firstMismatch(
  xs: readonly number[],
  got: ArrayLike<number>,
  want: (x: number) => number,
  rel: number,
  scale?: (x: number) => number,
): number {
  for (let i = 0; i < xs.length; i++) {
    const w = want(xs[i]!);
    const g = got[i]!;
    if (Number.isNaN(w) || Number.isNaN(g)) {
      if (Number.isNaN(w) !== Number.isNaN(g)) return i;
      continue;
    }
    if (Math.abs(g - w) > rel * (scale ? scale(xs[i]!) : Math.abs(w)) + SUBNORMAL) return i;
  }
  return -1;
}
