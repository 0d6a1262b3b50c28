// The activations of @rectify/activations as four-lane kernels, written to match each scalar definition exactly —
// including its choices at the edges (relu(−Inf) = 0, gelu(±Inf) = ±Inf …). The backend checks each against the
// definition before using it, so a definition that changes falls back to JavaScript rather than giving other values.
import { F32 } from './common';
import { ONE, V4, ZERO } from './math';

/** Pieces several activations share. */
class Act {
  /** The ReLU derivative as the activations define it: 1 for x > 0, 0 below (−Inf included), NaN for NaN. */
  @inline static step(x: v128): v128 {
    return v128.bitselect(V4.splat(NaN), V4.ones(f32x4.gt(x, ZERO)), f32x4.ne(x, x));
  }

  /** relu as defined, without (x + |x|) overflowing float32: max(x, 0) maps −0 to +0, −Inf to 0 and keeps NaN. */
  @inline static pos(x: v128): v128 {
    return f32x4.max(x, ZERO);
  }

  /**
   * ½·erfc(|x|/√2) by the Numerical Recipes erfc fit, as the activations' exact GELU computes it, accurate in
   * relative terms far into the tail. There e^(p − z²) has an exponent near −60 (x ≈ −11), where a float32 holds it
   * only to ±2e−6 — 2e−6 relative error in the result. So z² = x²/2 is carried as an exact pair (Dekker's product),
   * the rounding δ of p − z² is recovered (Knuth's two-sum), and e^(p − z²) = e^(rounded) · (1 + δ + low part).
   * |x| is capped at 20 first (½erfc(20/√2) underflows float32 anyway), so Dekker's split never overflows.
   */
  @inline static halfErfc(ax: v128): v128 {
    const xc = f32x4.min(ax, V4.splat(20));
    const z = f32x4.mul(xc, V4.splat(0.7071067811865476));
    const t = f32x4.div(ONE, f32x4.add(ONE, f32x4.mul(V4.splat(0.5), z)));
    let p = V4.splat(0.17087277);
    p = F32.fma4(p, t, V4.splat(-0.82215223));
    p = F32.fma4(p, t, V4.splat(1.48851587));
    p = F32.fma4(p, t, V4.splat(-1.13520398));
    p = F32.fma4(p, t, V4.splat(0.27886807));
    p = F32.fma4(p, t, V4.splat(-0.18628806));
    p = F32.fma4(p, t, V4.splat(0.09678418));
    p = F32.fma4(p, t, V4.splat(0.37409196));
    p = F32.fma4(p, t, V4.splat(1.00002368));
    p = F32.fma4(p, t, V4.splat(-1.26551223));
    const s = f32x4.mul(xc, xc);
    const c = f32x4.mul(xc, V4.splat(4097));
    const xh = f32x4.sub(c, f32x4.sub(c, xc));
    const xl = f32x4.sub(xc, xh);
    const err = f32x4.add(
      f32x4.add(f32x4.sub(f32x4.mul(xh, xh), s), f32x4.mul(f32x4.add(xh, xh), xl)),
      f32x4.mul(xl, xl),
    );
    const hi = f32x4.mul(s, V4.splat(-0.5));
    const a = f32x4.add(p, hi);
    const bb = f32x4.sub(a, p);
    const delta = f32x4.add(f32x4.sub(p, f32x4.sub(a, bb)), f32x4.sub(hi, bb));
    const corr = f32x4.add(ONE, f32x4.sub(delta, f32x4.mul(err, V4.splat(0.5))));
    return f32x4.mul(f32x4.mul(f32x4.mul(V4.splat(0.5), t), V4.exp4(a)), corr);
  }

  /** c = x > 30 ? 30 : x (NaN stays NaN), as mish caps its exponent. */
  @inline static mishCap(x: v128): v128 {
    return v128.bitselect(V4.splat(30), x, f32x4.gt(x, V4.splat(30)));
  }
}

@final
export class Relu {
  // pmax(x, 0) = x < 0 ? 0 : x keeps NaN and maps −Inf to 0; adding +0 turns −0 into +0.
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.add(f32x4.pmax(x, ZERO), ZERO);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return Act.step(x);
  }
}
@final
export class Relu6 {
  // x > 6 ? 6 : (x + |x|)/2, and its derivative x >= 6 ? 0 : relu'(x).
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return v128.bitselect(V4.splat(6), Act.pos(x), f32x4.gt(x, V4.splat(6)));
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return v128.andnot(Act.step(x), f32x4.ge(x, V4.splat(6)));
  }
}
@final
export class LeakyRelu {
  // max(x, 0) + a·min(x, 0): +Inf gives +Inf, −Inf gives a·(−Inf), as the guarded definition.
  @inline f(x: v128, a: v128, _b: v128): v128 {
    return f32x4.add(Act.pos(x), f32x4.mul(a, f32x4.min(x, ZERO)));
  }
  @inline df(x: v128, a: v128, _b: v128): v128 {
    const s = Act.step(x);
    return f32x4.add(s, f32x4.mul(a, f32x4.sub(ONE, s)));
  }
}
@final
export class Elu {
  @inline f(x: v128, a: v128, _b: v128): v128 {
    return v128.bitselect(x, f32x4.mul(a, V4.expm14(x)), f32x4.gt(x, ZERO));
  }
  @inline df(x: v128, a: v128, _b: v128): v128 {
    return v128.bitselect(ONE, f32x4.mul(a, V4.exp4(x)), f32x4.gt(x, ZERO));
  }
}
@final
export class Selu {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return v128.bitselect(
      f32x4.mul(V4.splat(1.0507009873554805), x),
      f32x4.mul(V4.splat(1.7580993408473766), V4.expm14(x)),
      f32x4.gt(x, ZERO),
    );
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return v128.bitselect(
      V4.splat(1.0507009873554805),
      f32x4.mul(V4.splat(1.7580993408473766), V4.exp4(x)),
      f32x4.gt(x, ZERO),
    );
  }
}
@final
export class Celu {
  @inline f(x: v128, a: v128, _b: v128): v128 {
    return v128.bitselect(x, f32x4.mul(a, V4.expm14(f32x4.div(x, a))), f32x4.gt(x, ZERO));
  }
  @inline df(x: v128, a: v128, _b: v128): v128 {
    return v128.bitselect(ONE, V4.exp4(f32x4.div(x, a)), f32x4.gt(x, ZERO));
  }
}

@final
export class Gelu {
  // max(x, 0) − |x|·½erfc(|x|/√2) = x·Φ(x). max(x, 0) cannot overflow (gelu(3e38) = 3e38); the tail term is dropped
  // from |x| = 20 on, where it is below float32's range anyway, which keeps ±Inf from making Inf·0.
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    const ax = f32x4.abs(x);
    const tail = v128.and(f32x4.mul(ax, Act.halfErfc(ax)), f32x4.lt(ax, V4.splat(20)));
    return f32x4.sub(Act.pos(x), tail);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const e = Act.halfErfc(f32x4.abs(x));
    const cdf = v128.bitselect(f32x4.sub(ONE, e), e, f32x4.ge(x, ZERO));
    const pdf = f32x4.mul(V4.splat(0.3989422804014327), V4.exp4(f32x4.mul(V4.splat(-0.5), f32x4.mul(x, x))));
    // x·φ(x) is dropped from |x| = 40 on, as in the definition: it keeps ±Inf and huge x from making Inf·0 or x·2⁻¹⁵⁰.
    return f32x4.add(cdf, v128.and(f32x4.mul(x, pdf), f32x4.lt(f32x4.abs(x), V4.splat(40))));
  }
}
@final
export class GeluTanh {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    const u = f32x4.mul(
      f32x4.mul(V4.splat(-1.5957691216057308), x),
      f32x4.add(ONE, f32x4.mul(V4.splat(0.044715), f32x4.mul(x, x))),
    );
    return f32x4.div(x, f32x4.add(ONE, V4.exp4(u)));
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const u = f32x4.mul(
      f32x4.mul(V4.splat(-1.5957691216057308), x),
      f32x4.add(ONE, f32x4.mul(V4.splat(0.044715), f32x4.mul(x, x))),
    );
    const s = f32x4.div(ONE, f32x4.add(ONE, V4.exp4(u)));
    const slope = f32x4.mul(
      V4.splat(1.5957691216057308),
      f32x4.add(ONE, f32x4.mul(V4.splat(0.134145), f32x4.mul(x, x))),
    );
    const term = f32x4.mul(f32x4.mul(x, f32x4.mul(s, f32x4.sub(ONE, s))), slope);
    // Past |x| = 10 the term is below 1e-35, but x² overflows float32; finite x drop it, ±Inf keep the NaN.
    const ax = f32x4.abs(x);
    const negligible = v128.and(f32x4.gt(ax, V4.splat(10)), f32x4.lt(ax, V4.splat(Infinity)));
    return f32x4.add(s, v128.andnot(term, negligible));
  }
}
@final
export class Swish {
  @inline f(x: v128, a: v128, _b: v128): v128 {
    return f32x4.div(x, f32x4.add(ONE, V4.exp4(f32x4.neg(f32x4.mul(a, x)))));
  }
  @inline df(x: v128, a: v128, _b: v128): v128 {
    const s = f32x4.div(ONE, f32x4.add(ONE, V4.exp4(f32x4.neg(f32x4.mul(a, x)))));
    return f32x4.add(s, f32x4.mul(f32x4.mul(a, x), f32x4.mul(s, f32x4.sub(ONE, s))));
  }
}

@final
export class Mish {
  // x·w/(w + 2) with n = e^c, w = n(n + 2): tanh(softplus(x)) without a tanh or a log.
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    const n = V4.exp4(Act.mishCap(x));
    const w = f32x4.mul(n, f32x4.add(n, V4.splat(2)));
    return f32x4.mul(x, f32x4.div(w, f32x4.add(w, V4.splat(2))));
  }
  // w/(w + 2) + c·4n(1 + n)/(w + 2)², the ratio taken first so float32 never forms c·4n(1 + n) (it would overflow).
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const c = Act.mishCap(x);
    const n = V4.exp4(c);
    const w = f32x4.mul(n, f32x4.add(n, V4.splat(2)));
    const w2 = f32x4.add(w, V4.splat(2));
    const ratio = f32x4.div(f32x4.mul(f32x4.mul(V4.splat(4), n), f32x4.add(ONE, n)), f32x4.mul(w2, w2));
    return f32x4.add(f32x4.div(w, w2), f32x4.mul(c, ratio));
  }
}
@final
export class Softsign {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(x, f32x4.add(ONE, f32x4.abs(x)));
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const d = f32x4.add(ONE, f32x4.abs(x));
    return f32x4.div(ONE, f32x4.mul(d, d));
  }
}
@final
export class HardSigmoid {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(f32x4.min(f32x4.max(f32x4.add(x, V4.splat(3)), ZERO), V4.splat(6)), V4.splat(6));
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const inside = v128.and(f32x4.gt(x, V4.splat(-3)), f32x4.lt(x, V4.splat(3)));
    return v128.bitselect(x, v128.and(inside, V4.splat(<f32>(1.0 / 6.0))), f32x4.ne(x, x));
  }
}
@final
export class HardSwish {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.mul(x, f32x4.div(f32x4.min(f32x4.max(f32x4.add(x, V4.splat(3)), ZERO), V4.splat(6)), V4.splat(6)));
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const mid = f32x4.add(f32x4.div(x, V4.splat(3)), V4.splat(0.5));
    return v128.bitselect(ZERO, v128.bitselect(ONE, mid, f32x4.ge(x, V4.splat(3))), f32x4.le(x, V4.splat(-3)));
  }
}
