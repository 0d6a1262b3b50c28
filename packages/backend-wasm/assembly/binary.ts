// Binary elementwise kernels over a broadcast pattern collapsed to two axes: out[o, i] = f(x[o·sxo + i·sxi],
// y[o·syo + i·syi]) with inner strides 0 or 1 — equal shapes, scalars, bias rows ([B,N] + [N]) and per-row
// columns ([B,N] − [B,1]) all fit. Arithmetic writes float32; comparisons write 0/1 bytes (bool).
import { BinaryArgs, BinaryCode } from './abi';
import { CHUNK, F32, argI, claim } from './common';

/** Loads that follow an operand's inner stride (0: broadcast, 1: contiguous). */
class Ld {
  @inline static ld(p: usize, i: i32, stride: i32): v128 {
    return stride == 0 ? v128.load32_splat(p) : v128.load(F32.at(p, i));
  }

  @inline static ld1(p: usize, i: i32, stride: i32): v128 {
    return v128.load32_splat(stride == 0 ? p : F32.at(p, i));
  }
}

@final
class Add {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.add(x, y);
  }
}
@final
class Sub {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.sub(x, y);
  }
}
@final
class Mul {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.mul(x, y);
  }
}
@final
class Div {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.div(x, y);
  }
}
/** x >= y || x !== x ? x : y — ties and NaN resolved as the scalar definition does. */
@final
class Maximum {
  @inline f(x: v128, y: v128): v128 {
    return v128.bitselect(x, y, v128.or(f32x4.ge(x, y), f32x4.ne(x, x)));
  }
}
@final
class Minimum {
  @inline f(x: v128, y: v128): v128 {
    return v128.bitselect(x, y, v128.or(f32x4.le(x, y), f32x4.ne(x, x)));
  }
}
@final
class SquaredDifference {
  @inline f(x: v128, y: v128): v128 {
    const d = f32x4.sub(x, y);
    return f32x4.mul(d, d);
  }
}
@final
class Equal {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.eq(x, y);
  }
}
@final
class NotEqual {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.ne(x, y);
  }
}
@final
class Less {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.lt(x, y);
  }
}
@final
class LessEqual {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.le(x, y);
  }
}
@final
class Greater {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.gt(x, y);
  }
}
@final
class GreaterEqual {
  @inline f(x: v128, y: v128): v128 {
    return f32x4.ge(x, y);
  }
}

/** One row: n outputs; x and y advance by sx, sy ∈ {0, 1} per element. */
function rowF<T>(x: usize, y: usize, out: usize, n: i32, sx: i32, sy: i32): void {
  const op = changetype<T>(0);
  let i = 0;
  if (sx == 1 && sy == 1) {
    for (; i + 8 <= n; i += 8) {
      const p = F32.at(x, i);
      const q = F32.at(y, i);
      v128.store(F32.at(out, i), op.f(v128.load(p), v128.load(q)));
      v128.store(F32.at(out, i), op.f(v128.load(p, 16), v128.load(q, 16)), 16);
    }
    for (; i + 4 <= n; i += 4) v128.store(F32.at(out, i), op.f(v128.load(F32.at(x, i)), v128.load(F32.at(y, i))));
  } else if (sx == 1) {
    const yv = v128.load32_splat(y);
    for (; i + 8 <= n; i += 8) {
      const p = F32.at(x, i);
      v128.store(F32.at(out, i), op.f(v128.load(p), yv));
      v128.store(F32.at(out, i), op.f(v128.load(p, 16), yv), 16);
    }
    for (; i + 4 <= n; i += 4) v128.store(F32.at(out, i), op.f(v128.load(F32.at(x, i)), yv));
  } else if (sy == 1) {
    const xv = v128.load32_splat(x);
    for (; i + 4 <= n; i += 4) v128.store(F32.at(out, i), op.f(xv, v128.load(F32.at(y, i))));
  }
  for (; i < n; i++) store<f32>(F32.at(out, i), f32x4.extract_lane(op.f(Ld.ld1(x, i, sx), Ld.ld1(y, i, sy)), 0));
}

/** Like rowF for comparisons: lane masks narrowed to one 0/1 byte per element. */
function rowB<T>(x: usize, y: usize, out: usize, n: i32, sx: i32, sy: i32): void {
  const op = changetype<T>(0);
  const one = i8x16.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const m = op.f(Ld.ld(x, i, sx), Ld.ld(y, i, sy));
    const bytes = v128.and(i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m, m), i16x8.narrow_i32x4_s(m, m)), one);
    v128.store32_lane(out + <usize>i, bytes, 0);
  }
  for (; i < n; i++)
    store<u8>(out + <usize>i, <u8>(i32x4.extract_lane(op.f(Ld.ld1(x, i, sx), Ld.ld1(y, i, sy)), 0) & 1));
}

function grid<T>(
  bytes: bool,
  x: usize,
  y: usize,
  out: usize,
  o0: i32,
  o1: i32,
  i0: i32,
  i1: i32,
  inner: i32,
  sxo: i32,
  syo: i32,
  sxi: i32,
  syi: i32,
): void {
  const n = i1 - i0;
  for (let o = o0; o < o1; o++) {
    const xr = F32.at(x, o * sxo + i0 * sxi);
    const yr = F32.at(y, o * syo + i0 * syi);
    const oi = o * inner + i0;
    if (bytes) rowB<T>(xr, yr, out + <usize>oi, n, sxi, syi);
    else rowF<T>(xr, yr, F32.at(out, oi), n, sxi, syi);
  }
}

/** Task (parameters: BinaryArgs): threads claim bands of rows, or column ranges of a single long row. */
export function binary(args: usize, _tid: i32, _nt: i32): void {
  const outer = argI(args, BinaryArgs.outer);
  const inner = argI(args, BinaryArgs.inner);
  if (outer > 1) {
    const per = max(1, CHUNK / max(1, inner));
    const units = (outer + per - 1) / per;
    for (let u = claim(args); u < units; u = claim(args))
      binaryRange(args, u * per, min(outer, (u + 1) * per), 0, inner);
  } else {
    const units = (inner + CHUNK - 1) / CHUNK;
    for (let u = claim(args); u < units; u = claim(args))
      binaryRange(args, 0, outer, u * CHUNK, min(inner, (u + 1) * CHUNK));
  }
}

function binaryRange(args: usize, o0: i32, o1: i32, i0: i32, i1: i32): void {
  if (o1 <= o0 || i1 <= i0) return;
  const code = argI(args, BinaryArgs.code);
  const inner = argI(args, BinaryArgs.inner);
  const x = <usize>argI(args, BinaryArgs.x);
  const y = <usize>argI(args, BinaryArgs.y);
  const out = <usize>argI(args, BinaryArgs.out);
  const sxo = argI(args, BinaryArgs.xOuterStride);
  const syo = argI(args, BinaryArgs.yOuterStride);
  const sxi = argI(args, BinaryArgs.xInnerStride);
  const syi = argI(args, BinaryArgs.yInnerStride);
  switch (code) {
    case BinaryCode.add:
      grid<Add>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.sub:
      grid<Sub>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.mul:
      grid<Mul>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.div:
      grid<Div>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.maximum:
      grid<Maximum>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.minimum:
      grid<Minimum>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.squaredDifference:
      grid<SquaredDifference>(false, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.equal:
      grid<Equal>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.notEqual:
      grid<NotEqual>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.less:
      grid<Less>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.lessEqual:
      grid<LessEqual>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.greater:
      grid<Greater>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    case BinaryCode.greaterEqual:
      grid<GreaterEqual>(true, x, y, out, o0, o1, i0, i1, inner, sxo, syo, sxi, syi);
      break;
    default:
      unreachable();
  }
}
