// The fused LSTM pointwise kernels: c′ = σ(z_f)·c + σ(z_i)·tanh(z_g), h = σ(z_o)·tanh(c′), and their gradients, one
// pass each over a batch of rows instead of a dozen elementwise kernels. The activations and derivatives are the
// unary kernels' own (Sigmoid, Tanh), so the fused path rounds as the composed one does.
import { LstmArgs, LstmMode } from './abi';
import { CHUNK, F32, argI, claim } from './common';
import { Sigmoid, Tanh } from './math-ops';
import { ZERO } from './math';

function sig(x: v128): v128 {
  return changetype<Sigmoid>(0).f(x, ZERO, ZERO);
}

function dsig(x: v128): v128 {
  return changetype<Sigmoid>(0).df(x, ZERO, ZERO);
}

function th(x: v128): v128 {
  return changetype<Tanh>(0).f(x, ZERO, ZERO);
}

function dth(x: v128): v128 {
  return changetype<Tanh>(0).df(x, ZERO, ZERO);
}

/**
 * One lane group (four units, or one unit splatted for the tail) of one row; `zr` is the row's z, `k` the byte offset
 * of the group within a units-wide row, `gate` the byte size of one gate block.
 */
function group(mode: i32, zr: usize, c: usize, dy: usize, out: usize, outZ: usize, gate: usize, tail: bool): void {
  const zi = tail ? v128.load32_splat(zr) : v128.load(zr);
  const zf = tail ? v128.load32_splat(zr + gate) : v128.load(zr + gate);
  const zg = tail ? v128.load32_splat(zr + 2 * gate) : v128.load(zr + 2 * gate);
  const zo = tail ? v128.load32_splat(zr + 3 * gate) : v128.load(zr + 3 * gate);
  const cv = tail ? v128.load32_splat(c) : v128.load(c);
  const g = mode >= LstmMode.stateGradZ ? (tail ? v128.load32_splat(dy) : v128.load(dy)) : ZERO;
  if (mode === LstmMode.state) put(out, F32.fma4(sig(zf), cv, f32x4.mul(sig(zi), th(zg))), tail);
  else if (mode === LstmMode.hidden) put(out, f32x4.mul(sig(zo), th(cv)), tail);
  else if (mode === LstmMode.stateGradC) put(out, f32x4.mul(g, sig(zf)), tail);
  else if (mode === LstmMode.hiddenGradC) put(out, f32x4.mul(g, f32x4.mul(sig(zo), dth(cv))), tail);
  else if (mode === LstmMode.stateGradZ) {
    put(outZ, f32x4.mul(g, f32x4.mul(th(zg), dsig(zi))), tail);
    put(outZ + gate, f32x4.mul(g, f32x4.mul(cv, dsig(zf))), tail);
    put(outZ + 2 * gate, f32x4.mul(g, f32x4.mul(sig(zi), dth(zg))), tail);
    put(outZ + 3 * gate, ZERO, tail);
  } else {
    put(outZ, ZERO, tail);
    put(outZ + gate, ZERO, tail);
    put(outZ + 2 * gate, ZERO, tail);
    put(outZ + 3 * gate, f32x4.mul(g, f32x4.mul(th(cv), dsig(zo))), tail);
  }
}

function put(p: usize, v: v128, tail: bool): void {
  if (tail) store<f32>(p, f32x4.extract_lane(v, 0));
  else v128.store(p, v);
}

function rowsRange(args: usize, r0: i32, r1: i32): void {
  const mode = argI(args, LstmArgs.mode);
  const units = argI(args, LstmArgs.units);
  const z = <usize>argI(args, LstmArgs.z);
  const c = <usize>argI(args, LstmArgs.c);
  const dy = <usize>argI(args, LstmArgs.dy);
  const out = <usize>argI(args, LstmArgs.out);
  const gate = (<usize>units) << 2;
  for (let r = r0; r < r1; r++) {
    const zr = F32.at(z, 4 * units * r);
    const base = r * units;
    let j = 0;
    for (; j + 4 <= units; j += 4) {
      const k = (<usize>j) << 2;
      group(
        mode,
        zr + k,
        F32.at(c, base + j),
        F32.at(dy, base + j),
        F32.at(out, base + j),
        F32.at(out, 4 * base + j),
        gate,
        false,
      );
    }
    for (; j < units; j++) {
      const k = (<usize>j) << 2;
      group(
        mode,
        zr + k,
        F32.at(c, base + j),
        F32.at(dy, base + j),
        F32.at(out, base + j),
        F32.at(out, 4 * base + j),
        gate,
        true,
      );
    }
  }
}

/** Task (parameters: LstmArgs): one LstmMode over `rows` rows; threads claim bands of rows. */
export function lstmCell(args: usize, _tid: i32, _nt: i32): void {
  const rows = argI(args, LstmArgs.rows);
  const units = argI(args, LstmArgs.units);
  const per = max(1, CHUNK / max(1, 4 * units));
  const bands = (rows + per - 1) / per;
  for (let u = claim(args); u < bands; u = claim(args)) rowsRange(args, u * per, min(rows, (u + 1) * per));
}
