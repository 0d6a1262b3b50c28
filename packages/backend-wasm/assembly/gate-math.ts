// σ and tanh together with their derivatives from one exponential each, and the lane loads and stores with a scalar
// tail, for the recurrent cells' kernels.
// The derivatives take the tail-accurate forms of the unary kernels' Sigmoid.df and Tanh.df (e/(1+e)², 4e/(1+e)²).
import { ONE, V4, ZERO } from './math';

/** The derivative the last sigAndSlope or tanhAndSlope call computed (per instance, so per thread). */
export let slope: v128 = ZERO;

/** σ(x), and σ′(x) in `slope`: e = e^−|x|, r = 1/(1+e), σ = x ≥ 0 ? r : e·r, σ′ = e·r². */
export function sigAndSlope(x: v128): v128 {
  const e = V4.exp4(f32x4.neg(f32x4.abs(x)));
  const r = f32x4.div(ONE, f32x4.add(ONE, e));
  const er = f32x4.mul(e, r);
  slope = f32x4.mul(er, r);
  return v128.bitselect(r, er, f32x4.ge(x, ZERO));
}

/**
 * tanh(x), and tanh′(x) in `slope`: e = e^−2|x|, r = 1/(1+e), tanh′ = 4e·r²; tanh is V4.tanhNearZero4's odd polynomial
 * below |x| = 0.625 (relative accuracy near 0) and ±(1 − e)·r above.
 */
export function tanhAndSlope(x: v128): v128 {
  const ax = f32x4.abs(x);
  const e = V4.exp4(f32x4.mul(V4.splat(-2), ax));
  const r = f32x4.div(ONE, f32x4.add(ONE, e));
  slope = f32x4.mul(f32x4.mul(V4.splat(4), e), f32x4.mul(r, r));
  const big = v128.or(f32x4.mul(f32x4.sub(ONE, e), r), v128.and(x, i32x4.splat(0x80000000)));
  const small = V4.tanhNearZero4(x);
  // NaN fails `ax >= 0.625` and takes the polynomial, which keeps it NaN.
  return v128.bitselect(big, small, f32x4.ge(ax, V4.splat(0.625)));
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
