// Vectorised float32 math: four lanes at a time, the special values (±0, ±Inf, NaN, overflow, denormal results)
// handled the way the scalar JavaScript definitions handle them, since the conformance suite compares against those.
// Polynomials are the Cephes single-precision ones (about 1 ulp), evaluated with fused multiply-adds where the
// relaxed-SIMD build has them.
import { F32 } from './common';

export const ZERO = f32x4.splat(0);
export const ONE = f32x4.splat(1);
export const NEG_INF = f32x4.splat(-Infinity);

/** Vectorised float32 math on four lanes. */
export class V4 {
  @inline static splat(x: f32): v128 {
    return f32x4.splat(x);
  }

  /**
   * eˣ: Cody–Waite range reduction, degree-6 polynomial, 2ⁿ applied in two halves so denormal results round once.
   * pmin/pmax clamp (one instruction each; NaN passes through them), and adding 1.5·2²³ rounds x·log2(e) to an
   * integer that can be read straight from the float's low bits — cheaper than nearest + trunc_sat.
   */
  @inline static exp4(x: v128): v128 {
    const xc = f32x4.pmax(f32x4.pmin(x, V4.splat(89.0)), V4.splat(-104.0));
    const magic = V4.splat(12582912.0);
    const t = f32x4.add(f32x4.mul(xc, V4.splat(1.4426950408889634)), magic);
    const n = f32x4.sub(t, magic);
    let r = f32x4.sub(xc, f32x4.mul(n, V4.splat(0.693359375)));
    r = f32x4.sub(r, f32x4.mul(n, V4.splat(-2.1219444e-4)));
    let p = V4.splat(1.98756915e-4);
    p = F32.fma4(p, r, V4.splat(1.3981999507e-3));
    p = F32.fma4(p, r, V4.splat(8.3334519073e-3));
    p = F32.fma4(p, r, V4.splat(4.1665795894e-2));
    p = F32.fma4(p, r, V4.splat(1.6666665459e-1));
    p = F32.fma4(p, r, V4.splat(5.0000001201e-1));
    p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), V4.splat(1.0));
    const ni = i32x4.sub(t, magic);
    const n1 = i32x4.shr_s(ni, 1);
    const n2 = i32x4.sub(ni, n1);
    const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
    const s2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
    // NaN survives: the clamps keep it, so p is NaN.
    return f32x4.mul(f32x4.mul(p, s1), s2);
  }

  /** Natural logarithm; log(0) = −Inf, log(x<0) = NaN, log(Inf) = Inf, denormal inputs rescaled first. */
  @inline static log4(x: v128): v128 {
    const tiny = f32x4.lt(x, V4.splat(1.17549435e-38));
    const xs = v128.bitselect(f32x4.mul(x, V4.splat(8388608.0)), x, tiny);
    const bits = xs;
    let e = i32x4.sub(i32x4.shr_u(bits, 23), i32x4.splat(126));
    e = i32x4.sub(e, v128.and(tiny, i32x4.splat(23)));
    let m = v128.or(v128.and(bits, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
    const small = f32x4.lt(m, V4.splat(0.7071067811865476));
    // m < √½: use 2m − 1 and e − 1, so that m − 1 stays in [−0.29, 0.41].
    e = i32x4.add(e, small);
    m = f32x4.sub(f32x4.add(m, v128.and(m, small)), V4.splat(1.0));
    const ef = f32x4.convert_i32x4_s(e);
    const z = f32x4.mul(m, m);
    let y = V4.splat(7.0376836292e-2);
    y = F32.fma4(y, m, V4.splat(-1.151461031e-1));
    y = F32.fma4(y, m, V4.splat(1.167699874e-1));
    y = F32.fma4(y, m, V4.splat(-1.2420140846e-1));
    y = F32.fma4(y, m, V4.splat(1.4249322787e-1));
    y = F32.fma4(y, m, V4.splat(-1.6668057665e-1));
    y = F32.fma4(y, m, V4.splat(2.0000714765e-1));
    y = F32.fma4(y, m, V4.splat(-2.4999993993e-1));
    y = F32.fma4(y, m, V4.splat(3.3333331174e-1));
    y = f32x4.mul(f32x4.mul(y, m), z);
    y = f32x4.add(y, f32x4.mul(ef, V4.splat(-2.1219444e-4)));
    y = f32x4.sub(y, f32x4.mul(z, V4.splat(0.5)));
    let r = f32x4.add(f32x4.add(m, y), f32x4.mul(ef, V4.splat(0.693359375)));
    r = v128.bitselect(V4.splat(-Infinity), r, f32x4.eq(x, V4.splat(0)));
    r = v128.bitselect(x, r, f32x4.eq(x, V4.splat(Infinity)));
    // x < 0 and NaN both give NaN.
    return v128.bitselect(V4.splat(NaN), r, v128.not(f32x4.ge(x, V4.splat(0))));
  }

  /** log(1 + x), accurate near 0: log(u)·x/(u − 1) with u = 1 + x corrects the rounding of u (Goldberg). */
  @inline static log1p4(x: v128): v128 {
    const u = f32x4.add(x, V4.splat(1.0));
    const d = f32x4.sub(u, V4.splat(1.0));
    // log(u)·(x/d), not log(u)·x/d: the product overflows float32 for x near its maximum (log1p(3e38) is 88.6).
    let r = f32x4.mul(V4.log4(u), f32x4.div(x, d));
    r = v128.bitselect(x, r, f32x4.eq(d, V4.splat(0)));
    return v128.bitselect(x, r, f32x4.eq(x, V4.splat(Infinity)));
  }

  /** eˣ − 1, accurate near 0: a Taylor polynomial below |x| = 0.35 (relative error < 1e-8), eˣ − 1 above. */
  @inline static expm14(x: v128): v128 {
    let p = V4.splat(<f32>(1.0 / 5040.0));
    p = f32x4.add(f32x4.mul(p, x), V4.splat(<f32>(1.0 / 720.0)));
    p = f32x4.add(f32x4.mul(p, x), V4.splat(<f32>(1.0 / 120.0)));
    p = f32x4.add(f32x4.mul(p, x), V4.splat(<f32>(1.0 / 24.0)));
    p = f32x4.add(f32x4.mul(p, x), V4.splat(<f32>(1.0 / 6.0)));
    p = F32.fma4(p, x, V4.splat(0.5));
    const small = f32x4.add(f32x4.mul(f32x4.mul(p, x), x), x);
    // NaN fails the comparison and takes eˣ − 1, which keeps it NaN; −Inf gives −1.
    return v128.bitselect(small, f32x4.sub(V4.exp4(x), V4.splat(1.0)), f32x4.lt(f32x4.abs(x), V4.splat(0.35)));
  }

  /** The logistic function evaluated on the side that cannot overflow: e = e^−|x|, x ≥ 0 ? 1/(1+e) : e/(1+e). */
  @inline static sigmoid4(x: v128): v128 {
    const e = V4.exp4(f32x4.neg(f32x4.abs(x)));
    const inv = f32x4.div(V4.splat(1.0), f32x4.add(V4.splat(1.0), e));
    return v128.bitselect(inv, f32x4.mul(e, inv), f32x4.ge(x, V4.splat(0)));
  }

  /** tanh below |x| = 0.625: the odd polynomial x + x³·p(x²), which keeps relative accuracy near 0. */
  @inline static tanhNearZero4(x: v128): v128 {
    const z = f32x4.mul(x, x);
    let p = V4.splat(-5.70498872745e-3);
    p = F32.fma4(p, z, V4.splat(2.06390887954e-2));
    p = F32.fma4(p, z, V4.splat(-5.37397155531e-2));
    p = F32.fma4(p, z, V4.splat(1.33314422036e-1));
    p = F32.fma4(p, z, V4.splat(-3.33332819422e-1));
    return F32.fma4(f32x4.mul(p, z), x, x);
  }

  /** tanh: an odd polynomial below |x| = 0.625 (keeps relative accuracy near 0), 1 − 2/(e^{2|x|} + 1) above. */
  @inline static tanh4(x: v128): v128 {
    const ax = f32x4.abs(x);
    const small = V4.tanhNearZero4(x);
    const e = V4.exp4(f32x4.add(ax, ax));
    const big = f32x4.sub(V4.splat(1.0), f32x4.div(V4.splat(2.0), f32x4.add(e, V4.splat(1.0))));
    const signed = v128.or(big, v128.and(x, i32x4.splat(0x80000000)));
    // NaN fails `ax >= 0.625`, so it takes the polynomial branch, which keeps it NaN.
    return v128.bitselect(signed, small, f32x4.ge(ax, V4.splat(0.625)));
  }

  /** 1 where the mask is set, else 0: turns a comparison into the 0/1 a scalar ternary gives. */
  @inline static ones(mask: v128): v128 {
    return v128.and(mask, V4.splat(1.0));
  }
}
