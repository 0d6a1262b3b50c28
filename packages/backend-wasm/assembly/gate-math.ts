// σ and tanh together with their derivatives from one exponential each, and the lane loads and stores with a scalar
// tail, for the recurrent cells' kernels.
// The derivatives take the tail-accurate forms of the unary kernels' Sigmoid.df and Tanh.df (e/(1+e)², 4e/(1+e)²).
import { ONE, V4, ZERO } from './math';

/** The derivative the last sigAndSlope or tanhAndSlope call computed (per instance, so per thread). */
export let slope: v128 = ZERO;

/**
 * The pieces σ, tanh and their slopes share, for kernels that inline them: e = e^−|x| (σ) or e^−2|x| (tanh),
 * r = 1/(1+e), then σ = x ≥ 0 ? r : e·r, σ′ = e·r², tanh = ±(1 − e)·r (V4.tanhNearZero4's odd polynomial below
 * |x| = 0.625, for relative accuracy near 0), tanh′ = 4e·r².
 */
export class Gate {
  @inline static sigE(x: v128): v128 {
    return V4.exp4(f32x4.neg(f32x4.abs(x)));
  }

  @inline static tanhE(x: v128): v128 {
    return V4.exp4(f32x4.mul(V4.splat(-2), f32x4.abs(x)));
  }

  @inline static recip(e: v128): v128 {
    return f32x4.div(ONE, f32x4.add(ONE, e));
  }

  @inline static sig(x: v128, e: v128, r: v128): v128 {
    return v128.bitselect(r, f32x4.mul(e, r), f32x4.ge(x, ZERO));
  }

  @inline static sigSlope(e: v128, r: v128): v128 {
    return f32x4.mul(f32x4.mul(e, r), r);
  }

  @inline static tanh(x: v128, e: v128, r: v128): v128 {
    const big = v128.or(f32x4.mul(f32x4.sub(ONE, e), r), v128.and(x, i32x4.splat(0x80000000)));
    // NaN fails `|x| >= 0.625` and takes the polynomial, which keeps it NaN.
    return v128.bitselect(big, V4.tanhNearZero4(x), f32x4.ge(f32x4.abs(x), V4.splat(0.625)));
  }

  @inline static tanhSlope(e: v128, r: v128): v128 {
    return f32x4.mul(f32x4.mul(V4.splat(4), e), f32x4.mul(r, r));
  }
}

/** σ(x), and σ′(x) in `slope`. */
export function sigAndSlope(x: v128): v128 {
  const e = Gate.sigE(x);
  const r = Gate.recip(e);
  slope = Gate.sigSlope(e, r);
  return Gate.sig(x, e, r);
}

/** tanh(x), and tanh′(x) in `slope`. */
export function tanhAndSlope(x: v128): v128 {
  const e = Gate.tanhE(x);
  const r = Gate.recip(e);
  slope = Gate.tanhSlope(e, r);
  return Gate.tanh(x, e, r);
}

/** Four lanes at `p`, or (`tail`) the one float there in every lane: a row's last units, fewer than four. */
export function ld(p: usize, tail: bool): v128 {
  return tail ? v128.load32_splat(p) : v128.load(p);
}

/** Stores four lanes at `p`, or (`tail`) only the first. */
export function put(p: usize, v: v128, tail: bool): void {
  if (tail) store<f32>(p, f32x4.extract_lane(v, 0));
  else v128.store(p, v);
}
