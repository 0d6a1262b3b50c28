// Unary elementwise kernels: y = f(x) and the fused gradient dy·f'(x), one specialised SIMD loop per function.
// Each function is a @final class with an inlined `f` (or `df`), and the generic loop is instantiated once per
// class, so every loop is a straight-line SIMD body with no call inside. The op codes match src/kernels/op-codes.ts.
import { argF, argI, at, chunkStart } from './common';
import { exp4, expm14, log1p4, log4, ones, sigmoid4, splat, tanh4 } from './math';

const ZERO = f32x4.splat(0);
const ONE = f32x4.splat(1);

@final class Neg { @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.neg(x); } @inline df(x: v128, a: v128, b: v128): v128 { return splat(-1); } }
@final class Abs {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.abs(x); }
  @inline df(x: v128, a: v128, b: v128): v128 { return f32x4.sub(ones(f32x4.gt(x, ZERO)), ones(f32x4.lt(x, ZERO))); }
}
@final class Square { @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.mul(x, x); } @inline df(x: v128, a: v128, b: v128): v128 { return f32x4.add(x, x); } }
@final class Sqrt {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.sqrt(x); }
  @inline df(x: v128, a: v128, b: v128): v128 { return f32x4.div(splat(0.5), f32x4.sqrt(x)); }
}
@final class Rsqrt {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.div(ONE, f32x4.sqrt(x)); }
  @inline df(x: v128, a: v128, b: v128): v128 { return f32x4.div(splat(-0.5), f32x4.mul(x, f32x4.sqrt(x))); }
}
@final class Reciprocal {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.div(ONE, x); }
  @inline df(x: v128, a: v128, b: v128): v128 { return f32x4.div(splat(-1), f32x4.mul(x, x)); }
}
@final class Floor { @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.floor(x); } @inline df(x: v128, a: v128, b: v128): v128 { return ZERO; } }
@final class Ceil { @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.ceil(x); } @inline df(x: v128, a: v128, b: v128): v128 { return ZERO; } }
@final class Round { @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.nearest(x); } @inline df(x: v128, a: v128, b: v128): v128 { return ZERO; } }
@final class Sign {
  // x > 0 ? 1 : x < 0 ? −1 : x — zeros keep their sign and NaN stays NaN.
  @inline f(x: v128, a: v128, b: v128): v128 {
    return v128.bitselect(ONE, v128.bitselect(splat(-1), x, f32x4.lt(x, ZERO)), f32x4.gt(x, ZERO));
  }
  @inline df(x: v128, a: v128, b: v128): v128 { return ZERO; }
}
@final class Clip {
  // x < a ? a : x > b ? b : x
  @inline f(x: v128, a: v128, b: v128): v128 {
    return v128.bitselect(a, v128.bitselect(b, x, f32x4.gt(x, b)), f32x4.lt(x, a));
  }
  @inline df(x: v128, a: v128, b: v128): v128 { return ones(v128.and(f32x4.ge(x, a), f32x4.le(x, b))); }
}
@final class Exp { @inline f(x: v128, a: v128, b: v128): v128 { return exp4(x); } @inline df(x: v128, a: v128, b: v128): v128 { return exp4(x); } }
@final class Expm1 { @inline f(x: v128, a: v128, b: v128): v128 { return expm14(x); } @inline df(x: v128, a: v128, b: v128): v128 { return exp4(x); } }
@final class Log { @inline f(x: v128, a: v128, b: v128): v128 { return log4(x); } @inline df(x: v128, a: v128, b: v128): v128 { return f32x4.div(ONE, x); } }
@final class Log1p {
  @inline f(x: v128, a: v128, b: v128): v128 { return log1p4(x); }
  @inline df(x: v128, a: v128, b: v128): v128 { return f32x4.div(ONE, f32x4.add(ONE, x)); }
}
@final class Sigmoid {
  @inline f(x: v128, a: v128, b: v128): v128 { return sigmoid4(x); }
  // e/(1+e)² with e = e^−|x|: keeps its relative accuracy in the tails, where s·(1 − s) cancels to 0.
  @inline df(x: v128, a: v128, b: v128): v128 {
    const e = exp4(f32x4.neg(f32x4.abs(x)));
    const d = f32x4.add(ONE, e);
    return f32x4.div(e, f32x4.mul(d, d));
  }
}
@final class Tanh {
  @inline f(x: v128, a: v128, b: v128): v128 { return tanh4(x); }
  // sech²(x) = 4e/(1+e)² with e = e^−2|x|, accurate in the tails where 1 − tanh² cancels.
  @inline df(x: v128, a: v128, b: v128): v128 {
    const e = exp4(f32x4.mul(splat(-2), f32x4.abs(x)));
    const d = f32x4.add(ONE, e);
    return f32x4.div(f32x4.mul(splat(4), e), f32x4.mul(d, d));
  }
}
@final class Softplus {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.add(f32x4.max(x, ZERO), log1p4(exp4(f32x4.neg(f32x4.abs(x))))); }
  @inline df(x: v128, a: v128, b: v128): v128 { return sigmoid4(x); }
}

const NEG_INF = f32x4.splat(-Infinity);

/**
 * The ReLU derivative as the activations define it, 1 − 1/(1 + (x + |x|)·1e600): 1 for x > 0, 0 below, NaN for
 * NaN and for −Inf (where x + |x| is NaN).
 */
@inline function step(x: v128): v128 {
  return v128.bitselect(splat(NaN), ones(f32x4.gt(x, ZERO)), v128.or(f32x4.ne(x, x), f32x4.eq(x, NEG_INF)));
}

/** (x + |x|)/2 without overflowing float32: max(x, 0), which maps −0 to +0 and keeps NaN; −Inf gives NaN. */
@inline function pos(x: v128): v128 {
  return v128.or(f32x4.max(x, ZERO), f32x4.eq(x, NEG_INF));
}

@final class Relu {
  // pmax(x, 0) = x < 0 ? 0 : x keeps NaN; adding +0 turns −0 into +0; −Inf becomes NaN (all bits set) as
  // (x + |x|)/2 makes it.
  @inline f(x: v128, a: v128, b: v128): v128 { return v128.or(f32x4.add(f32x4.pmax(x, ZERO), ZERO), f32x4.eq(x, NEG_INF)); }
  @inline df(x: v128, a: v128, b: v128): v128 { return step(x); }
}
@final class Relu6 {
  // x > 6 ? 6 : (x + |x|)/2, and its derivative x >= 6 ? 0 : relu'(x).
  @inline f(x: v128, a: v128, b: v128): v128 { return v128.bitselect(splat(6), pos(x), f32x4.gt(x, splat(6))); }
  @inline df(x: v128, a: v128, b: v128): v128 { return v128.andnot(step(x), f32x4.ge(x, splat(6))); }
}
@final class LeakyRelu {
  // (x + |x|)/2 + a·(x − |x|)/2; the second half is min(x, 0) except at +Inf, where Inf − Inf makes it NaN.
  @inline f(x: v128, a: v128, b: v128): v128 {
    const neg = v128.bitselect(splat(NaN), f32x4.min(x, ZERO), f32x4.eq(x, splat(Infinity)));
    return f32x4.add(pos(x), f32x4.mul(a, neg));
  }
  @inline df(x: v128, a: v128, b: v128): v128 {
    const s = step(x);
    return f32x4.add(s, f32x4.mul(a, f32x4.sub(ONE, s)));
  }
}
@final class Elu {
  @inline f(x: v128, a: v128, b: v128): v128 { return v128.bitselect(x, f32x4.mul(a, expm14(x)), f32x4.gt(x, ZERO)); }
  @inline df(x: v128, a: v128, b: v128): v128 { return v128.bitselect(ONE, f32x4.mul(a, exp4(x)), f32x4.gt(x, ZERO)); }
}
@final class Selu {
  @inline f(x: v128, a: v128, b: v128): v128 {
    return v128.bitselect(f32x4.mul(splat(1.0507009873554805), x), f32x4.mul(splat(1.7580993408473766), expm14(x)), f32x4.gt(x, ZERO));
  }
  @inline df(x: v128, a: v128, b: v128): v128 {
    return v128.bitselect(splat(1.0507009873554805), f32x4.mul(splat(1.7580993408473766), exp4(x)), f32x4.gt(x, ZERO));
  }
}
@final class Celu {
  @inline f(x: v128, a: v128, b: v128): v128 { return v128.bitselect(x, f32x4.mul(a, expm14(f32x4.div(x, a))), f32x4.gt(x, ZERO)); }
  @inline df(x: v128, a: v128, b: v128): v128 { return v128.bitselect(ONE, exp4(f32x4.div(x, a)), f32x4.gt(x, ZERO)); }
}

/** ½·erfc(|x|/√2) by the Numerical Recipes erfc fit, as the activations' exact GELU computes it. */
@inline function halfErfc(ax: v128): v128 {
  const z = f32x4.mul(ax, splat(0.7071067811865476));
  const t = f32x4.div(ONE, f32x4.add(ONE, f32x4.mul(splat(0.5), z)));
  let p = splat(0.17087277);
  p = f32x4.add(f32x4.mul(p, t), splat(-0.82215223));
  p = f32x4.add(f32x4.mul(p, t), splat(1.48851587));
  p = f32x4.add(f32x4.mul(p, t), splat(-1.13520398));
  p = f32x4.add(f32x4.mul(p, t), splat(0.27886807));
  p = f32x4.add(f32x4.mul(p, t), splat(-0.18628806));
  p = f32x4.add(f32x4.mul(p, t), splat(0.09678418));
  p = f32x4.add(f32x4.mul(p, t), splat(0.37409196));
  p = f32x4.add(f32x4.mul(p, t), splat(1.00002368));
  p = f32x4.add(f32x4.mul(p, t), splat(-1.26551223));
  return f32x4.mul(f32x4.mul(splat(0.5), t), exp4(f32x4.sub(p, f32x4.mul(z, z))));
}

@final class Gelu {
  // (x + |x|)/2 − |x|·½erfc(|x|/√2) = x·Φ(x); the sum is kept as written so ±Inf give NaN as in the definition.
  @inline f(x: v128, a: v128, b: v128): v128 {
    const ax = f32x4.abs(x);
    return f32x4.sub(f32x4.mul(f32x4.add(x, ax), splat(0.5)), f32x4.mul(ax, halfErfc(ax)));
  }
  @inline df(x: v128, a: v128, b: v128): v128 {
    const e = halfErfc(f32x4.abs(x));
    const cdf = v128.bitselect(f32x4.sub(ONE, e), e, f32x4.ge(x, ZERO));
    const pdf = f32x4.mul(splat(0.3989422804014327), exp4(f32x4.mul(splat(-0.5), f32x4.mul(x, x))));
    return f32x4.add(cdf, f32x4.mul(x, pdf));
  }
}
@final class GeluTanh {
  @inline f(x: v128, a: v128, b: v128): v128 {
    const u = f32x4.mul(f32x4.mul(splat(-1.5957691216057308), x), f32x4.add(ONE, f32x4.mul(splat(0.044715), f32x4.mul(x, x))));
    return f32x4.div(x, f32x4.add(ONE, exp4(u)));
  }
  @inline df(x: v128, a: v128, b: v128): v128 {
    const u = f32x4.mul(f32x4.mul(splat(-1.5957691216057308), x), f32x4.add(ONE, f32x4.mul(splat(0.044715), f32x4.mul(x, x))));
    const s = f32x4.div(ONE, f32x4.add(ONE, exp4(u)));
    const slope = f32x4.mul(splat(1.5957691216057308), f32x4.add(ONE, f32x4.mul(splat(0.134145), f32x4.mul(x, x))));
    const term = f32x4.mul(f32x4.mul(x, f32x4.mul(s, f32x4.sub(ONE, s))), slope);
    // Past |x| = 10 the term is below 1e-35, but x² overflows float32; finite x drop it, ±Inf keep the NaN.
    const ax = f32x4.abs(x);
    const negligible = v128.and(f32x4.gt(ax, splat(10)), f32x4.lt(ax, splat(Infinity)));
    return f32x4.add(s, v128.andnot(term, negligible));
  }
}
@final class Swish {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.div(x, f32x4.add(ONE, exp4(f32x4.neg(f32x4.mul(a, x))))); }
  @inline df(x: v128, a: v128, b: v128): v128 {
    const s = f32x4.div(ONE, f32x4.add(ONE, exp4(f32x4.neg(f32x4.mul(a, x)))));
    return f32x4.add(s, f32x4.mul(f32x4.mul(a, x), f32x4.mul(s, f32x4.sub(ONE, s))));
  }
}

/** c = x > 30 ? 30 : x (NaN stays NaN), as mish caps its exponent. */
@inline function mishCap(x: v128): v128 {
  return v128.bitselect(splat(30), x, f32x4.gt(x, splat(30)));
}
@final class Mish {
  // x·w/(w + 2) with n = e^c, w = n(n + 2): tanh(softplus(x)) without a tanh or a log.
  @inline f(x: v128, a: v128, b: v128): v128 {
    const n = exp4(mishCap(x));
    const w = f32x4.mul(n, f32x4.add(n, splat(2)));
    return f32x4.mul(x, f32x4.div(w, f32x4.add(w, splat(2))));
  }
  // w/(w + 2) + c·4n(1 + n)/(w + 2)², the ratio taken first so float32 never forms c·4n(1 + n) (it would overflow).
  @inline df(x: v128, a: v128, b: v128): v128 {
    const c = mishCap(x);
    const n = exp4(c);
    const w = f32x4.mul(n, f32x4.add(n, splat(2)));
    const w2 = f32x4.add(w, splat(2));
    const ratio = f32x4.div(f32x4.mul(f32x4.mul(splat(4), n), f32x4.add(ONE, n)), f32x4.mul(w2, w2));
    return f32x4.add(f32x4.div(w, w2), f32x4.mul(c, ratio));
  }
}
@final class Softsign {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.div(x, f32x4.add(ONE, f32x4.abs(x))); }
  @inline df(x: v128, a: v128, b: v128): v128 { const d = f32x4.add(ONE, f32x4.abs(x)); return f32x4.div(ONE, f32x4.mul(d, d)); }
}
@final class HardSigmoid {
  @inline f(x: v128, a: v128, b: v128): v128 { return f32x4.div(f32x4.min(f32x4.max(f32x4.add(x, splat(3)), ZERO), splat(6)), splat(6)); }
  @inline df(x: v128, a: v128, b: v128): v128 {
    const inside = v128.and(f32x4.gt(x, splat(-3)), f32x4.lt(x, splat(3)));
    return v128.bitselect(x, v128.and(inside, splat(<f32>(1.0 / 6.0))), f32x4.ne(x, x));
  }
}
@final class HardSwish {
  @inline f(x: v128, a: v128, b: v128): v128 {
    return f32x4.mul(x, f32x4.div(f32x4.min(f32x4.max(f32x4.add(x, splat(3)), ZERO), splat(6)), splat(6)));
  }
  @inline df(x: v128, a: v128, b: v128): v128 {
    const mid = f32x4.add(f32x4.div(x, splat(3)), splat(0.5));
    return v128.bitselect(ZERO, v128.bitselect(ONE, mid, f32x4.ge(x, splat(3))), f32x4.le(x, splat(-3)));
  }
}

/** One op code per class above; `dispatch` below maps them. */
@inline function mapF<T>(x: usize, out: usize, n: i32, a: f32, b: f32): void {
  const op = changetype<T>(0);
  const av = splat(a);
  const bv = splat(b);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), op.f(v128.load(at(x, i)), av, bv));
  for (; i < n; i++) store<f32>(at(out, i), f32x4.extract_lane(op.f(v128.load32_splat(at(x, i)), av, bv), 0));
}

@inline function mapDf<T>(x: usize, dy: usize, out: usize, n: i32, a: f32, b: f32): void {
  const op = changetype<T>(0);
  const av = splat(a);
  const bv = splat(b);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(at(out, i), f32x4.mul(v128.load(at(dy, i)), op.df(v128.load(at(x, i)), av, bv)));
  for (; i < n; i++) {
    const g = f32x4.mul(v128.load32_splat(at(dy, i)), op.df(v128.load32_splat(at(x, i)), av, bv));
    store<f32>(at(out, i), f32x4.extract_lane(g, 0));
  }
}

/** Runs op `code` over n floats: the forward function, or dy·f'(x) when `dy` is non-zero. */
function run<T>(x: usize, dy: usize, out: usize, n: i32, a: f32, b: f32): void {
  if (dy == 0) mapF<T>(x, out, n, a, b);
  else mapDf<T>(x, dy, out, n, a, b);
}

/**
 * Task: parameters op n x out a b dy. With dy = 0 computes out = f(x), otherwise out = dy·f'(x). Threads take
 * contiguous, 4-aligned slices.
 */
export function unary(args: usize, tid: i32, nt: i32): void {
  const code = argI(args, 0);
  const n = argI(args, 1);
  const s = chunkStart(n, tid, nt, 16);
  const e = chunkStart(n, tid + 1, nt, 16);
  if (e <= s) return;
  const x = at(<usize>argI(args, 2), s);
  const out = at(<usize>argI(args, 3), s);
  const a = argF(args, 4);
  const b = argF(args, 5);
  const dyBase = <usize>argI(args, 6);
  const dy: usize = dyBase == 0 ? 0 : at(dyBase, s);
  const m = e - s;
  switch (code) {
    case 1: run<Neg>(x, dy, out, m, a, b); break;
    case 2: run<Abs>(x, dy, out, m, a, b); break;
    case 3: run<Square>(x, dy, out, m, a, b); break;
    case 4: run<Sqrt>(x, dy, out, m, a, b); break;
    case 5: run<Rsqrt>(x, dy, out, m, a, b); break;
    case 6: run<Reciprocal>(x, dy, out, m, a, b); break;
    case 7: run<Floor>(x, dy, out, m, a, b); break;
    case 8: run<Ceil>(x, dy, out, m, a, b); break;
    case 9: run<Round>(x, dy, out, m, a, b); break;
    case 10: run<Sign>(x, dy, out, m, a, b); break;
    case 11: run<Clip>(x, dy, out, m, a, b); break;
    case 12: run<Exp>(x, dy, out, m, a, b); break;
    case 13: run<Expm1>(x, dy, out, m, a, b); break;
    case 14: run<Log>(x, dy, out, m, a, b); break;
    case 15: run<Log1p>(x, dy, out, m, a, b); break;
    case 16: run<Sigmoid>(x, dy, out, m, a, b); break;
    case 17: run<Tanh>(x, dy, out, m, a, b); break;
    case 18: run<Softplus>(x, dy, out, m, a, b); break;
    case 19: run<Relu>(x, dy, out, m, a, b); break;
    case 20: run<Relu6>(x, dy, out, m, a, b); break;
    case 21: run<LeakyRelu>(x, dy, out, m, a, b); break;
    case 22: run<Elu>(x, dy, out, m, a, b); break;
    case 23: run<Selu>(x, dy, out, m, a, b); break;
    case 24: run<Celu>(x, dy, out, m, a, b); break;
    case 25: run<Gelu>(x, dy, out, m, a, b); break;
    case 26: run<GeluTanh>(x, dy, out, m, a, b); break;
    case 27: run<Swish>(x, dy, out, m, a, b); break;
    case 28: run<Mish>(x, dy, out, m, a, b); break;
    case 29: run<Softsign>(x, dy, out, m, a, b); break;
    case 30: run<HardSigmoid>(x, dy, out, m, a, b); break;
    case 31: run<HardSwish>(x, dy, out, m, a, b); break;
    default: unreachable();
  }
}

@inline function biasRows<T>(x: usize, bias: usize, out: usize, cols: i32, r0: i32, r1: i32, a: f32, b: f32): void {
  const op = changetype<T>(0);
  const av = splat(a);
  const bv = splat(b);
  for (let r = r0; r < r1; r++) {
    const xr = at(x, r * cols);
    const orow = at(out, r * cols);
    let c = 0;
    for (; c + 4 <= cols; c += 4) v128.store(at(orow, c), op.f(f32x4.add(v128.load(at(xr, c)), v128.load(at(bias, c))), av, bv));
    for (; c < cols; c++) {
      const v = f32x4.add(v128.load32_splat(at(xr, c)), v128.load32_splat(at(bias, c)));
      store<f32>(at(orow, c), f32x4.extract_lane(op.f(v, av, bv), 0));
    }
  }
}

/**
 * Task: the fused dense-layer epilogue out = f(x + bias) over rows of `cols`. Parameters: op rows cols x bias out
 * a b. Op 0 is the identity (bias only).
 */
export function biasUnary(args: usize, tid: i32, nt: i32): void {
  const code = argI(args, 0);
  const rows = argI(args, 1);
  const cols = argI(args, 2);
  const r0 = <i32>((<i64>rows * tid) / nt);
  const r1 = <i32>((<i64>rows * (tid + 1)) / nt);
  if (r1 <= r0) return;
  const x = <usize>argI(args, 3);
  const bias = <usize>argI(args, 4);
  const out = <usize>argI(args, 5);
  const a = argF(args, 6);
  const b = argF(args, 7);
  switch (code) {
    case 0: biasRows<Identity>(x, bias, out, cols, r0, r1, a, b); break;
    case 16: biasRows<Sigmoid>(x, bias, out, cols, r0, r1, a, b); break;
    case 17: biasRows<Tanh>(x, bias, out, cols, r0, r1, a, b); break;
    case 19: biasRows<Relu>(x, bias, out, cols, r0, r1, a, b); break;
    case 21: biasRows<LeakyRelu>(x, bias, out, cols, r0, r1, a, b); break;
    case 22: biasRows<Elu>(x, bias, out, cols, r0, r1, a, b); break;
    case 25: biasRows<Gelu>(x, bias, out, cols, r0, r1, a, b); break;
    case 26: biasRows<GeluTanh>(x, bias, out, cols, r0, r1, a, b); break;
    case 27: biasRows<Swish>(x, bias, out, cols, r0, r1, a, b); break;
    default: unreachable();
  }
}

@final class Identity { @inline f(x: v128, a: v128, b: v128): v128 { return x; } @inline df(x: v128, a: v128, b: v128): v128 { return ONE; } }
