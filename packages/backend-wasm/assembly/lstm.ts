// The fused LSTM pointwise kernels: c′ = σ(z_f)·c + σ(z_i)·tanh(z_g), h = σ(z_o)·tanh(c′), and their gradients, one
// pass each over a batch of rows instead of a dozen elementwise kernels. The forward modes use the unary kernels'
// own σ and tanh; the gradient modes take σ and σ′ (tanh and tanh′) from one exponential each (gate-math.ts).
import { LstmArgs, LstmMode } from './abi';
import { CHUNK, F32, argI, claim } from './common';
import { ld, put, slope, sigAndSlope, tanhAndSlope } from './gate-math';
import { V4, ZERO } from './math';

/**
 * One lane group (four units, or one unit splatted for the tail) of one row; `zr` is the group in the row's i gate,
 * `gate` the byte size of one gate block, `outZ` the group in the i gate of a [batch, 4·units] output.
 */
function group(mode: i32, zr: usize, c: usize, dy: usize, out: usize, outZ: usize, gate: usize, tail: bool): void {
  const cv = ld(c, tail);
  if (mode === LstmMode.state) {
    const i = V4.sigmoid4(ld(zr, tail));
    const f = V4.sigmoid4(ld(zr + gate, tail));
    put(out, F32.fma4(f, cv, f32x4.mul(i, V4.tanh4(ld(zr + 2 * gate, tail)))), tail);
    return;
  }
  if (mode === LstmMode.hidden) {
    put(out, f32x4.mul(V4.sigmoid4(ld(zr + 3 * gate, tail)), V4.tanh4(cv)), tail);
    return;
  }
  const g = ld(dy, tail);
  if (mode === LstmMode.stateGradC) {
    put(out, f32x4.mul(g, V4.sigmoid4(ld(zr + gate, tail))), tail);
  } else if (mode === LstmMode.stateGradZ) {
    const i = sigAndSlope(ld(zr, tail));
    const di = slope;
    sigAndSlope(ld(zr + gate, tail));
    const df = slope;
    const t = tanhAndSlope(ld(zr + 2 * gate, tail));
    put(outZ, f32x4.mul(f32x4.mul(g, t), di), tail);
    put(outZ + gate, f32x4.mul(f32x4.mul(g, cv), df), tail);
    put(outZ + 2 * gate, f32x4.mul(f32x4.mul(g, i), slope), tail);
    put(outZ + 3 * gate, ZERO, tail);
  } else {
    const o = sigAndSlope(ld(zr + 3 * gate, tail));
    const dO = slope;
    const t = tanhAndSlope(cv);
    if (mode === LstmMode.hiddenGradC) put(out, f32x4.mul(f32x4.mul(g, o), slope), tail);
    else {
      put(outZ, ZERO, tail);
      put(outZ + gate, ZERO, tail);
      put(outZ + 2 * gate, ZERO, tail);
      put(outZ + 3 * gate, f32x4.mul(f32x4.mul(g, t), dO), tail);
    }
  }
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
    const zr = 4 * units * r;
    const base = r * units;
    let j = 0;
    for (; j + 4 <= units; j += 4)
      group(
        mode,
        F32.at(z, zr + j),
        F32.at(c, base + j),
        F32.at(dy, base + j),
        F32.at(out, base + j),
        F32.at(out, zr + j),
        gate,
        false,
      );
    for (; j < units; j++)
      group(
        mode,
        F32.at(z, zr + j),
        F32.at(c, base + j),
        F32.at(dy, base + j),
        F32.at(out, base + j),
        F32.at(out, zr + j),
        gate,
        true,
      );
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
