// The fused attention softmax and its gradient, one row (query) at a time: the scale, the causal limit (computed
// from the row index) and a bool mask row are applied while the row is in cache, so no masked-scores tensor is
// ever written. Keys past the causal limit are never read.
import { SoftmaxArgs } from './abi';
import { F32, argF, argI, claim } from './common';
import { NEG_INF, V4, ZERO } from './math';

/** Rows per unit of work threads claim. */
const ROWS_PER_UNIT = 8;

/** Four mask bytes at `p` as four all-ones / all-zeros lanes. */
function maskLanes(p: usize): v128 {
  const bytes = v128.load32_zero(p);
  return i32x4.ne(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes)), i32x4.splat(0));
}

/** eˣ of one float through the vector routine, so that tails round exactly like the body. */
function exp1(x: f32): f32 {
  return f32x4.extract_lane(V4.exp4(f32x4.splat(x)), 0);
}

/** Keys [0, limit) of row r that a causal mask leaves visible (all `cols` without one). */
function limitOf(args: usize, r: i32, cols: i32): i32 {
  if (argI(args, SoftmaxArgs.causal) == 0) return cols;
  const i = r % argI(args, SoftmaxArgs.queries);
  return max(0, min(cols, i + argI(args, SoftmaxArgs.offset) + 1));
}

/** Address of row r's mask bytes, or 0 without a mask. */
function maskRowOf(args: usize, r: i32, cols: i32): usize {
  const mask = <usize>argI(args, SoftmaxArgs.mask);
  if (mask == 0) return 0;
  const row = load<i32>(<usize>argI(args, SoftmaxArgs.maskRows) + ((<usize>r) << 2));
  return mask + <usize>row * <usize>cols;
}

/** Whether any of the first n mask bytes at m is set. */
function anySet(m: usize, n: i32): bool {
  for (let j = 0; j < n; j++) if (load<u8>(m + <usize>j) != 0) return true;
  return false;
}

function fill(out: usize, s: i32, e: i32, v: f32): void {
  for (let j = s; j < e; j++) store<f32>(F32.at(out, j), v);
}

/** One row forward: scaled, masked logits into out (−∞ where hidden), their max, exponentials, normalisation. */
function forwardRow(x: usize, out: usize, m: usize, n: i32, cols: i32, scale: f32): void {
  const s4 = f32x4.splat(scale);
  let mx = NEG_INF;
  let any = i32x4.splat(m == 0 && n > 0 ? -1 : 0);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let v = f32x4.mul(v128.load(F32.at(x, j)), s4);
    if (m != 0) {
      const vis = maskLanes(m + <usize>j);
      v = v128.bitselect(v, NEG_INF, vis);
      any = v128.or(any, vis);
    }
    v128.store(F32.at(out, j), v);
    mx = f32x4.max(mx, v);
  }
  let mt: f32 = max(
    max(f32x4.extract_lane(mx, 0), f32x4.extract_lane(mx, 1)),
    max(f32x4.extract_lane(mx, 2), f32x4.extract_lane(mx, 3)),
  );
  let seen = v128.any_true(any);
  for (; j < n; j++) {
    let v = scale * load<f32>(F32.at(x, j));
    if (m != 0 && load<u8>(m + <usize>j) == 0) v = -Infinity;
    else seen = true;
    store<f32>(F32.at(out, j), v);
    mt = max(mt, v);
  }
  if (!seen) {
    // What an additive −1e9 mask gives: all scores equal, every key the same weight.
    fill(out, 0, cols, 1 / <f32>cols);
    return;
  }
  const m4 = f32x4.splat(mt);
  let acc = ZERO;
  j = 0;
  for (; j + 4 <= n; j += 4) {
    const t = v128.load(F32.at(out, j));
    // Hidden keys hold −∞; their weight must be exactly 0, not exp's smallest denormal.
    const e = v128.bitselect(ZERO, V4.exp4(f32x4.sub(t, m4)), f32x4.eq(t, NEG_INF));
    v128.store(F32.at(out, j), e);
    acc = f32x4.add(acc, e);
  }
  let total: f32 =
    f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; j < n; j++) {
    const t = load<f32>(F32.at(out, j));
    const e: f32 = t == -Infinity ? 0 : exp1(t - mt);
    store<f32>(F32.at(out, j), e);
    total += e;
  }
  const inv = f32x4.splat(1 / total);
  j = 0;
  for (; j + 4 <= n; j += 4) v128.store(F32.at(out, j), f32x4.mul(v128.load(F32.at(out, j)), inv));
  for (; j < n; j++) store<f32>(F32.at(out, j), load<f32>(F32.at(out, j)) * f32x4.extract_lane(inv, 0));
  fill(out, n, cols, 0);
}

/**
 * One row backward: dx = scale·y⊙(dy − Σ dy⊙y) over the causal prefix. Masked keys have y = 0, so they get 0
 * without reading the mask; a row that sees no key (uniform y) gets 0 throughout, as the masked scores it came from.
 */
function backwardRow(y: usize, dy: usize, out: usize, m: usize, n: i32, cols: i32, scale: f32): void {
  if (n == 0 || (m != 0 && !anySet(m, n))) {
    fill(out, 0, cols, 0);
    return;
  }
  let acc = ZERO;
  let j = 0;
  for (; j + 4 <= n; j += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(F32.at(y, j)), v128.load(F32.at(dy, j))));
  let dot: f32 =
    f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; j < n; j++) dot += load<f32>(F32.at(y, j)) * load<f32>(F32.at(dy, j));
  const d4 = f32x4.splat(dot);
  const s4 = f32x4.splat(scale);
  j = 0;
  for (; j + 4 <= n; j += 4) {
    const g = f32x4.sub(v128.load(F32.at(dy, j)), d4);
    v128.store(F32.at(out, j), f32x4.mul(f32x4.mul(v128.load(F32.at(y, j)), s4), g));
  }
  for (; j < n; j++) store<f32>(F32.at(out, j), load<f32>(F32.at(y, j)) * scale * (load<f32>(F32.at(dy, j)) - dot));
  fill(out, n, cols, 0);
}

/** Task (parameters: SoftmaxArgs): the fused softmax (code 0) or its gradient (code 1). Threads claim bands of rows. */
export function softmax(args: usize, _tid: i32, _nt: i32): void {
  const code = argI(args, SoftmaxArgs.code);
  const rows = argI(args, SoftmaxArgs.rows);
  const cols = argI(args, SoftmaxArgs.cols);
  const x = <usize>argI(args, SoftmaxArgs.x);
  const dy = <usize>argI(args, SoftmaxArgs.dy);
  const out = <usize>argI(args, SoftmaxArgs.out);
  const scale = argF(args, SoftmaxArgs.scale);
  const units = (rows + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
  for (let u = claim(args); u < units; u = claim(args)) {
    const r1 = min(rows, (u + 1) * ROWS_PER_UNIT);
    for (let r = u * ROWS_PER_UNIT; r < r1; r++) {
      const at = r * cols;
      const n = limitOf(args, r, cols);
      const m = maskRowOf(args, r, cols);
      if (code == 0) forwardRow(F32.at(x, at), F32.at(out, at), m, n, cols, scale);
      else backwardRow(F32.at(x, at), F32.at(dy, at), F32.at(out, at), m, n, cols, scale);
    }
  }
}
