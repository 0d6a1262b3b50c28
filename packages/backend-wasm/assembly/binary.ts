// Binary elementwise kernels over a broadcast pattern collapsed to two axes: out[o, i] = f(x[o·sxo + i·sxi],
// y[o·syo + i·syi]) with inner strides 0 or 1 — equal shapes, scalars, bias rows ([B,N] + [N]) and per-row
// columns ([B,N] − [B,1]) all fit. Arithmetic writes float32; comparisons write 0/1 bytes (bool).
import { argI, at } from './common';

@final class Add { @inline f(x: v128, y: v128): v128 { return f32x4.add(x, y); } }
@final class Sub { @inline f(x: v128, y: v128): v128 { return f32x4.sub(x, y); } }
@final class Mul { @inline f(x: v128, y: v128): v128 { return f32x4.mul(x, y); } }
@final class Div { @inline f(x: v128, y: v128): v128 { return f32x4.div(x, y); } }
/** x >= y || x !== x ? x : y — ties and NaN resolved as the scalar definition does. */
@final class Maximum { @inline f(x: v128, y: v128): v128 { return v128.bitselect(x, y, v128.or(f32x4.ge(x, y), f32x4.ne(x, x))); } }
@final class Minimum { @inline f(x: v128, y: v128): v128 { return v128.bitselect(x, y, v128.or(f32x4.le(x, y), f32x4.ne(x, x))); } }
@final class SquaredDifference { @inline f(x: v128, y: v128): v128 { const d = f32x4.sub(x, y); return f32x4.mul(d, d); } }
@final class Equal { @inline f(x: v128, y: v128): v128 { return f32x4.eq(x, y); } }
@final class NotEqual { @inline f(x: v128, y: v128): v128 { return f32x4.ne(x, y); } }
@final class Less { @inline f(x: v128, y: v128): v128 { return f32x4.lt(x, y); } }
@final class LessEqual { @inline f(x: v128, y: v128): v128 { return f32x4.le(x, y); } }
@final class Greater { @inline f(x: v128, y: v128): v128 { return f32x4.gt(x, y); } }
@final class GreaterEqual { @inline f(x: v128, y: v128): v128 { return f32x4.ge(x, y); } }

@inline function ld(p: usize, i: i32, stride: i32): v128 {
  return stride == 0 ? v128.load32_splat(p) : v128.load(at(p, i));
}

@inline function ld1(p: usize, i: i32, stride: i32): v128 {
  return v128.load32_splat(stride == 0 ? p : at(p, i));
}

/** One row: n outputs; x and y advance by sx, sy ∈ {0, 1} per element. */
@inline function rowF<T>(x: usize, y: usize, out: usize, n: i32, sx: i32, sy: i32): void {
  const op = changetype<T>(0);
  let i = 0;
  if (sx == 1 && sy == 1) {
    for (; i + 4 <= n; i += 4) v128.store(at(out, i), op.f(v128.load(at(x, i)), v128.load(at(y, i))));
  } else if (sx == 1) {
    const yv = v128.load32_splat(y);
    for (; i + 4 <= n; i += 4) v128.store(at(out, i), op.f(v128.load(at(x, i)), yv));
  } else if (sy == 1) {
    const xv = v128.load32_splat(x);
    for (; i + 4 <= n; i += 4) v128.store(at(out, i), op.f(xv, v128.load(at(y, i))));
  }
  for (; i < n; i++) store<f32>(at(out, i), f32x4.extract_lane(op.f(ld1(x, i, sx), ld1(y, i, sy)), 0));
}

/** Like rowF for comparisons: lane masks narrowed to one 0/1 byte per element. */
@inline function rowB<T>(x: usize, y: usize, out: usize, n: i32, sx: i32, sy: i32): void {
  const op = changetype<T>(0);
  const one = i8x16.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const m = op.f(ld(x, i, sx), ld(y, i, sy));
    const bytes = v128.and(i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m, m), i16x8.narrow_i32x4_s(m, m)), one);
    v128.store32_lane(out + <usize>i, bytes, 0);
  }
  for (; i < n; i++) store<u8>(out + <usize>i, <u8>(i32x4.extract_lane(op.f(ld1(x, i, sx), ld1(y, i, sy)), 0) & 1));
}

function grid<T>(bytes: bool, x: usize, y: usize, out: usize, o0: i32, o1: i32, i0: i32, i1: i32, inner: i32, sxo: i32, syo: i32, sxi: i32, syi: i32): void {
  const n = i1 - i0;
  for (let o = o0; o < o1; o++) {
    const xr = at(x, o * sxo + i0 * sxi);
    const yr = at(y, o * syo + i0 * syi);
    const oi = o * inner + i0;
    if (bytes) rowB<T>(xr, yr, out + <usize>oi, n, sxi, syi);
    else rowF<T>(xr, yr, at(out, oi), n, sxi, syi);
  }
}

/**
 * Task: parameters op outer inner x y out sxo syo sxi syi. Threads split the rows, or the columns of a single row.
 */
export function binary(args: usize, tid: i32, nt: i32): void {
  const code = argI(args, 0);
  const outer = argI(args, 1);
  const inner = argI(args, 2);
  let o0 = 0, o1 = outer, i0 = 0, i1 = inner;
  if (nt > 1) {
    if (outer >= nt) {
      o0 = <i32>((<i64>outer * tid) / nt);
      o1 = <i32>((<i64>outer * (tid + 1)) / nt);
    } else {
      const units = (inner + 15) >> 4;
      i0 = min(inner, <i32>((<i64>units * tid) / nt) << 4);
      i1 = min(inner, <i32>((<i64>units * (tid + 1)) / nt) << 4);
    }
  }
  if (o1 <= o0 || i1 <= i0) return;
  const x = <usize>argI(args, 3);
  const y = <usize>argI(args, 4);
  const out = <usize>argI(args, 5);
  const sxo = argI(args, 6);
  const syo = argI(args, 7);
  const sxi = argI(args, 8);
  const syi = argI(args, 9);
  switch (code) {
    case 1: grid<Add>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 2: grid<Sub>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 3: grid<Mul>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 4: grid<Div>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 5: grid<Maximum>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 6: grid<Minimum>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 7: grid<SquaredDifference>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 20: grid<Equal>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 21: grid<NotEqual>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 22: grid<Less>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 23: grid<LessEqual>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 24: grid<Greater>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    case 25: grid<GreaterEqual>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi); break;
    default: unreachable();
  }
}
