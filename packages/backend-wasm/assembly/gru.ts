// The fused GRU pointwise kernel (Keras' resetAfter form): z = σ(zx_z + zh_z), r = σ(zx_r + zh_r),
// h̃ = tanh(zx_h + r·zh_h), h′ = h̃ + z·(h − h̃), and the gradients of zx, zh and h, one pass each over a batch of rows.
// The forward uses the unary kernels' σ and tanh; the gradients take σ, tanh and their slopes from one exponential
// each (gate-math.ts).
import { GruArgs, GruMode } from './abi';
import { CHUNK, F32, argI, claim } from './common';
import { ld, put, slope, sigAndSlope, tanhAndSlope } from './gate-math';
import { ONE, V4 } from './math';

/** One lane group of one row: `x`, `r` point at the group in the z gate of zx and zh rows, `gate` is a gate's bytes. */
function group(
  mode: i32,
  x: usize,
  hr: usize,
  h: usize,
  dy: usize,
  out: usize,
  outWide: usize,
  gate: usize,
  tail: bool,
): void {
  const preZ = f32x4.add(ld(x, tail), ld(hr, tail));
  const preR = f32x4.add(ld(x + gate, tail), ld(hr + gate, tail));
  const hh = ld(hr + 2 * gate, tail);
  const hv = ld(h, tail);
  if (mode === GruMode.value) {
    const z = V4.sigmoid4(preZ);
    const cand = V4.tanh4(F32.fma4(V4.sigmoid4(preR), hh, ld(x + 2 * gate, tail)));
    put(out, F32.fma4(z, f32x4.sub(hv, cand), cand), tail);
    return;
  }
  const g = ld(dy, tail);
  if (mode === GruMode.gradH) {
    put(out, f32x4.mul(g, V4.sigmoid4(preZ)), tail);
    return;
  }
  const z = sigAndSlope(preZ);
  const dz = slope;
  const r = sigAndSlope(preR);
  const dr = slope;
  const cand = tanhAndSlope(F32.fma4(r, hh, ld(x + 2 * gate, tail)));
  const da = f32x4.mul(f32x4.mul(g, f32x4.sub(ONE, z)), slope);
  put(outWide, f32x4.mul(f32x4.mul(g, f32x4.sub(hv, cand)), dz), tail);
  put(outWide + gate, f32x4.mul(f32x4.mul(da, hh), dr), tail);
  put(outWide + 2 * gate, mode === GruMode.gradZx ? da : f32x4.mul(da, r), tail);
}

function rowsRange(args: usize, r0: i32, r1: i32): void {
  const mode = argI(args, GruArgs.mode);
  const units = argI(args, GruArgs.units);
  const zx = <usize>argI(args, GruArgs.zx);
  const zh = <usize>argI(args, GruArgs.zh);
  const h = <usize>argI(args, GruArgs.h);
  const dy = <usize>argI(args, GruArgs.dy);
  const out = <usize>argI(args, GruArgs.out);
  const gate = (<usize>units) << 2;
  for (let row = r0; row < r1; row++) {
    const wide = 3 * units * row;
    const base = row * units;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      group(
        mode,
        F32.at(zx, wide + j),
        F32.at(zh, wide + j),
        F32.at(h, base + j),
        F32.at(dy, base + j),
        F32.at(out, base + j),
        F32.at(out, wide + j),
        gate,
        false,
      );
    }
    for (; j < units; j++)
      group(
        mode,
        F32.at(zx, wide + j),
        F32.at(zh, wide + j),
        F32.at(h, base + j),
        F32.at(dy, base + j),
        F32.at(out, base + j),
        F32.at(out, wide + j),
        gate,
        true,
      );
  }
}

/** Task (parameters: GruArgs): one GruMode over `rows` rows; threads claim bands of rows. */
export function gruCell(args: usize, _tid: i32, _nt: i32): void {
  const rows = argI(args, GruArgs.rows);
  const units = argI(args, GruArgs.units);
  const per = max(1, CHUNK / max(1, 3 * units));
  const bands = (rows + per - 1) / per;
  for (let u = claim(args); u < bands; u = claim(args)) rowsRange(args, u * per, min(rows, (u + 1) * per));
}
