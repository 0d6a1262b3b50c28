// Sum, max and min over the middle axis of x viewed as [outer, reduced, inner]. Sums accumulate in float64 (as the
// reference does) so long sums keep float32 accuracy; max and min propagate NaN.
import { ReduceArgs, ReduceCode } from './abi';
import { F32, argI } from './common';

/** The low and high halves of four float32 lanes as two float64 lanes. */
class Widen {
  @inline static lo64(v: v128): v128 {
    return f64x2.promote_low_f32x4(v);
  }

  @inline static hi64(v: v128): v128 {
    return f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3));
  }
}

// ReduceCode.min is anything but sum and max.
const SUM = ReduceCode.sum;
const MAX = ReduceCode.max;

/** Sum of n contiguous floats, in float64. */
function sumRow(x: usize, n: i32): f64 {
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let a2 = f64x2.splat(0);
  let a3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const v = v128.load(F32.at(x, i));
    const w = v128.load(F32.at(x, i), 16);
    a0 = f64x2.add(a0, Widen.lo64(v));
    a1 = f64x2.add(a1, Widen.hi64(v));
    a2 = f64x2.add(a2, Widen.lo64(w));
    a3 = f64x2.add(a3, Widen.hi64(w));
  }
  const s = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) t += <f64>load<f32>(F32.at(x, i));
  return t;
}

/** Max (or min) of n contiguous floats; NaN wins, an empty row gives −Inf (Inf). */
function extremeRow(x: usize, n: i32, isMax: bool): f32 {
  let acc = f32x4.splat(isMax ? -Infinity : Infinity);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(F32.at(x, i));
    acc = isMax ? f32x4.max(acc, v) : f32x4.min(acc, v);
  }
  let r = isMax
    ? max(
        max(f32x4.extract_lane(acc, 0), f32x4.extract_lane(acc, 1)),
        max(f32x4.extract_lane(acc, 2), f32x4.extract_lane(acc, 3)),
      )
    : min(
        min(f32x4.extract_lane(acc, 0), f32x4.extract_lane(acc, 1)),
        min(f32x4.extract_lane(acc, 2), f32x4.extract_lane(acc, 3)),
      );
  for (; i < n; i++) {
    const v = load<f32>(F32.at(x, i));
    r = isMax ? max(r, v) : min(r, v);
  }
  return r;
}

/** Columns [c0, c1) of one [reduced, inner] slab, 16 columns (a cache line) at a time. */
function sumCols(x: usize, out: usize, reduced: i32, inner: i32, c0: i32, c1: i32): void {
  const rowBytes = (<usize>inner) << 2;
  let c = c0;
  for (; c + 16 <= c1; c += 16) {
    let a0 = f64x2.splat(0),
      a1 = f64x2.splat(0),
      a2 = f64x2.splat(0),
      a3 = f64x2.splat(0);
    let a4 = f64x2.splat(0),
      a5 = f64x2.splat(0),
      a6 = f64x2.splat(0),
      a7 = f64x2.splat(0);
    let p = F32.at(x, c);
    for (let r = 0; r < reduced; r++) {
      const v0 = v128.load(p);
      const v1 = v128.load(p, 16);
      const v2 = v128.load(p, 32);
      const v3 = v128.load(p, 48);
      a0 = f64x2.add(a0, Widen.lo64(v0));
      a1 = f64x2.add(a1, Widen.hi64(v0));
      a2 = f64x2.add(a2, Widen.lo64(v1));
      a3 = f64x2.add(a3, Widen.hi64(v1));
      a4 = f64x2.add(a4, Widen.lo64(v2));
      a5 = f64x2.add(a5, Widen.hi64(v2));
      a6 = f64x2.add(a6, Widen.lo64(v3));
      a7 = f64x2.add(a7, Widen.hi64(v3));
      p += rowBytes;
    }
    const o = F32.at(out, c);
    v128.store(o, v128.shuffle<f32>(f32x4.demote_f64x2_zero(a0), f32x4.demote_f64x2_zero(a1), 0, 1, 4, 5));
    v128.store(o, v128.shuffle<f32>(f32x4.demote_f64x2_zero(a2), f32x4.demote_f64x2_zero(a3), 0, 1, 4, 5), 16);
    v128.store(o, v128.shuffle<f32>(f32x4.demote_f64x2_zero(a4), f32x4.demote_f64x2_zero(a5), 0, 1, 4, 5), 32);
    v128.store(o, v128.shuffle<f32>(f32x4.demote_f64x2_zero(a6), f32x4.demote_f64x2_zero(a7), 0, 1, 4, 5), 48);
  }
  for (; c < c1; c++) {
    let t: f64 = 0;
    let p = F32.at(x, c);
    for (let r = 0; r < reduced; r++) {
      t += <f64>load<f32>(p);
      p += rowBytes;
    }
    store<f32>(F32.at(out, c), <f32>t);
  }
}

function extremeCols(x: usize, out: usize, reduced: i32, inner: i32, c0: i32, c1: i32, isMax: bool): void {
  const rowBytes = (<usize>inner) << 2;
  const init = f32x4.splat(isMax ? -Infinity : Infinity);
  let c = c0;
  for (; c + 16 <= c1; c += 16) {
    let a0 = init,
      a1 = init,
      a2 = init,
      a3 = init;
    let p = F32.at(x, c);
    for (let r = 0; r < reduced; r++) {
      if (isMax) {
        a0 = f32x4.max(a0, v128.load(p));
        a1 = f32x4.max(a1, v128.load(p, 16));
        a2 = f32x4.max(a2, v128.load(p, 32));
        a3 = f32x4.max(a3, v128.load(p, 48));
      } else {
        a0 = f32x4.min(a0, v128.load(p));
        a1 = f32x4.min(a1, v128.load(p, 16));
        a2 = f32x4.min(a2, v128.load(p, 32));
        a3 = f32x4.min(a3, v128.load(p, 48));
      }
      p += rowBytes;
    }
    const o = F32.at(out, c);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o, a2, 32);
    v128.store(o, a3, 48);
  }
  for (; c < c1; c++) {
    let t: f32 = isMax ? -Infinity : Infinity;
    let p = F32.at(x, c);
    for (let r = 0; r < reduced; r++) {
      const v = load<f32>(p);
      t = isMax ? max(t, v) : min(t, v);
      p += rowBytes;
    }
    store<f32>(F32.at(out, c), t);
  }
}

/**
 * Task: parameters op outer reduced inner x out partials. Threads split the outputs; a single long row
 * (outer = inner = 1) is split along its length instead, each thread leaving a float64 partial at
 * partials[tid] for the caller to combine.
 */
export function reduce(args: usize, tid: i32, nt: i32): void {
  const op = argI(args, ReduceArgs.code);
  const outer = argI(args, ReduceArgs.outer);
  const reduced = argI(args, ReduceArgs.reduced);
  const inner = argI(args, ReduceArgs.inner);
  const x = <usize>argI(args, ReduceArgs.x);
  const out = <usize>argI(args, ReduceArgs.out);
  const partials = <usize>argI(args, ReduceArgs.partials);
  if (outer == 1 && inner == 1 && partials != 0) {
    const s = (<i32>((<i64>((reduced + 15) >> 4) * tid) / nt)) << 4;
    const e = min(reduced, (<i32>((<i64>((reduced + 15) >> 4) * (tid + 1)) / nt)) << 4);
    const n = max(0, e - min(s, reduced));
    const p = F32.at(x, min(s, reduced));
    const dst = partials + ((<usize>tid) << 3);
    if (op == SUM) store<f64>(dst, sumRow(p, n));
    else store<f64>(dst, <f64>extremeRow(p, n, op == MAX));
    return;
  }
  if (inner == 1) {
    const o0 = <i32>((<i64>outer * tid) / nt);
    const o1 = <i32>((<i64>outer * (tid + 1)) / nt);
    for (let o = o0; o < o1; o++) {
      const row = F32.at(x, o * reduced);
      store<f32>(F32.at(out, o), op == SUM ? <f32>sumRow(row, reduced) : extremeRow(row, reduced, op == MAX));
    }
    return;
  }
  let o0 = 0,
    o1 = outer,
    c0 = 0,
    c1 = inner;
  if (outer >= nt) {
    o0 = <i32>((<i64>outer * tid) / nt);
    o1 = <i32>((<i64>outer * (tid + 1)) / nt);
  } else {
    const units = (inner + 15) >> 4;
    c0 = min(inner, (<i32>((<i64>units * tid) / nt)) << 4);
    c1 = min(inner, (<i32>((<i64>units * (tid + 1)) / nt)) << 4);
  }
  for (let o = o0; o < o1; o++) {
    const slab = F32.at(x, o * reduced * inner);
    const dst = F32.at(out, o * inner);
    if (op == SUM) sumCols(slab, dst, reduced, inner, c0, c1);
    else extremeCols(slab, dst, reduced, inner, c0, c1, op == MAX);
  }
}
