// A whole LSTM sequence in one task: forward, or backpropagation through time. Step by step, each step costs a
// [batch, units]·[units, 4·units] product too small to amortise packing U and waking the other thread, plus the
// pointwise kernels and JavaScript's dispatch around them — more than the arithmetic. Here U is packed once, and the
// threads stay inside the task: a step's work is cut into blocks of units (block b owns units [j0, j0+w), so the
// four gate columns of those units, their h and c, and their dz), each thread claims its own blocks of a step (and
// then any left unclaimed), and no block of step s starts before every block of step s−1 is done (the product reads
// all of h or dz). A thread that never joins is no problem: the others claim its blocks. Each element is computed by
// one block in the same order whatever the partition, so results do not depend on the thread count.
import { LstmSeqArgs, LstmSeqMode } from './abi';
import { F32, argI } from './common';
import { MR, NR, micro } from './gemm';
import { Gate, ld, put } from './gate-math';
import { packB } from './pack';
import { V4, ZERO } from './math';
import { notify32, wait32 } from './env';

function slotAt(args: usize, slot: i32): usize {
  return args + ((<usize>slot) << 2);
}

/** Bytes of each thread's scratch at `tiles`: the micro-kernel's 4×8 edge tile (the rest is padding). */
const THREAD_SCRATCH: usize = 256;
/** Longest sleep before polling again, in milliseconds (a safety net; finishers wake sleepers). */
const NAP_MS: f64 = 1;

/**
 * Waits until `need` blocks are done (one thread: they already are, since blocks run in order). Polls first — a
 * step's blocks take microseconds — then, where the thread may block (`mayBlock`: not a browser's main thread),
 * sleeps until a finisher wakes it: on a busy machine the thread that holds the last block may be waiting for this
 * core.
 */
function waitFor(args: usize, need: i32): void {
  if (!ASC_FEATURE_THREADS) return;
  const done = slotAt(args, LstmSeqArgs.done);
  const spin = argI(args, LstmSeqArgs.spin);
  for (let i = 0; i < spin; i++) if (atomic.load<i32>(done) >= need) return;
  if (argI(args, LstmSeqArgs.mayBlock) == 0) {
    while (atomic.load<i32>(done) < need) {
      // A browser's main thread cannot sleep: it keeps polling.
    }
    return;
  }
  const sleepers = slotAt(args, LstmSeqArgs.sleepers);
  atomic.add<i32>(sleepers, 1);
  for (let v = atomic.load<i32>(done); v < need; v = atomic.load<i32>(done)) wait32(done, v, NAP_MS);
  atomic.sub<i32>(sleepers, 1);
}

/** Counts a finished block and wakes sleeping threads, if any (a sleeper counts itself before it reads `done`). */
function finish(args: usize): void {
  const done = slotAt(args, LstmSeqArgs.done);
  if (!ASC_FEATURE_THREADS) {
    store<i32>(done, load<i32>(done) + 1);
    return;
  }
  atomic.add<i32>(done, 1);
  if (atomic.load<i32>(slotAt(args, LstmSeqArgs.sleepers)) > 0) notify32(done);
}

/** Columns of a block's packed panels: the block width rounded up to whole NR-column panels. */
function panelCols(block: i32): i32 {
  return ((block + NR - 1) / NR) * NR;
}

/** Block b's first unit. */
function firstUnit(args: usize, b: i32): i32 {
  return b * argI(args, LstmSeqArgs.block);
}

/** Block b's units: `block`, fewer in the last block. */
function blockWidth(args: usize, b: i32): i32 {
  return min(argI(args, LstmSeqArgs.block), argI(args, LstmSeqArgs.units) - firstUnit(args, b));
}

/** Block b's packed panels of U (forward, four gates' panels one after the other). */
function blockPanels(args: usize, b: i32): usize {
  const size = 4 * argI(args, LstmSeqArgs.units) * panelCols(argI(args, LstmSeqArgs.block));
  return <usize>argI(args, LstmSeqArgs.packed) + ((<usize>(b * size)) << 2);
}

/** Lane groups of a block w units wide: whole groups of four units, then a tail one unit at a time (as lstmCell). */
function laneGroups(w: i32): i32 {
  return (w >> 2) + (w & 3);
}

/** The first unit of lane group k, counted from the block's first unit. */
function groupUnit(w: i32, k: i32): i32 {
  const whole = w >> 2;
  return k < whole ? 4 * k : 4 * whole + (k - whole);
}

/**
 * C[rows, w] (row stride ldc) = A[rows, K] (row stride lda, read in place) · the packed K×w panels, added into C
 * unless `overwrite`. Each panel stays in L1 while the rows of A stream past it.
 */
function product(
  K: i32,
  a: usize,
  lda: i32,
  panels: usize,
  w: i32,
  rows: i32,
  c: usize,
  ldc: i32,
  overwrite: bool,
  tile: usize,
): void {
  const rs = (<usize>lda) << 2;
  const ldcBytes = (<usize>ldc) << 2;
  for (let jp = 0; jp < w; jp += NR) {
    const nr = min(NR, w - jp);
    const bp = panels + ((<usize>(jp * K)) << 2);
    for (let ir = 0; ir < rows; ir += MR) {
      const mr = min(MR, rows - ir);
      // Rows past the edge re-read the last row (their results are dropped), so A is never over-read.
      const r1 = mr > 1 ? rs : 0;
      const r2 = mr > 2 ? 2 * rs : r1;
      const r3 = mr > 3 ? 3 * rs : r2;
      const cp = c + <usize>ir * ldcBytes + ((<usize>jp) << 2);
      micro(K, a + <usize>ir * rs, r1, r2, r3, 4, bp, cp, ldcBytes, overwrite, mr, nr, tile);
    }
  }
}

/**
 * Phase 0, block b: packs the block's columns of U — forward, the four gate columns of its units (K = units);
 * backward, the block's columns of Uᵀ (K = 4·units) — and, backward, zeroes the block's running dc.
 */
function prepareBlock(args: usize, b: i32): void {
  const rows = argI(args, LstmSeqArgs.rows);
  const units = argI(args, LstmSeqArgs.units);
  const block = argI(args, LstmSeqArgs.block);
  const u = <usize>argI(args, LstmSeqArgs.u);
  const j0 = firstUnit(args, b);
  const w = blockWidth(args, b);
  const pc = panelCols(block);
  const dst = blockPanels(args, b);
  if (argI(args, LstmSeqArgs.mode) == LstmSeqMode.forward) {
    for (let g = 0; g < 4; g++)
      packB(u, 4 * units, false, 0, units, g * units + j0, w, dst + ((<usize>(g * pc * units)) << 2));
    return;
  }
  packB(u, 4 * units, true, 0, 4 * units, j0, w, dst);
  const dc = <usize>argI(args, LstmSeqArgs.dc0);
  for (let r = 0; r < rows; r++) memory.fill(F32.at(dc, r * units + j0), 0, (<usize>w) << 2);
}

/**
 * A step's cell for one lane group — four units, or (`tail`) one unit splatted across the lanes — inlined into the
 * block loops. The same σ, tanh and slopes as the lstmCell and lstmCellGrad kernels.
 */
class Cell {
  /** c' = σ(z_f)·c + σ(z_i)·tanh(z_g) and h' = σ(z_o)·tanh(c'). */
  @inline static forward(zr: usize, gate: usize, cPrev: usize, cOut: usize, hOut: usize, tail: bool): void {
    const i = V4.sigmoid4(ld(zr, tail));
    const f = V4.sigmoid4(ld(zr + gate, tail));
    const c = F32.fma4(f, ld(cPrev, tail), f32x4.mul(i, V4.tanh4(ld(zr + 2 * gate, tail))));
    put(cOut, c, tail);
    put(hOut, f32x4.mul(V4.sigmoid4(ld(zr + 3 * gate, tail)), V4.tanh4(c)), tail);
  }

  /**
   * From dh (all that reaches this step's h) and the running dc, writes the gate gradients dz and replaces dc with
   * the previous step's.
   */
  @inline static backward(
    zr: usize,
    cNew: usize,
    cPrev: usize,
    dh: v128,
    dc: usize,
    dz: usize,
    gate: usize,
    tail: bool,
  ): void {
    const zo = ld(zr + 3 * gate, tail);
    const eo = Gate.sigE(zo);
    const ro = Gate.recip(eo);
    const cv = ld(cNew, tail);
    const ec = Gate.tanhE(cv);
    const rc = Gate.recip(ec);
    put(dz + 3 * gate, f32x4.mul(f32x4.mul(dh, Gate.tanh(cv, ec, rc)), Gate.sigSlope(eo, ro)), tail);
    const dcAll = f32x4.add(ld(dc, tail), f32x4.mul(f32x4.mul(dh, Gate.sig(zo, eo, ro)), Gate.tanhSlope(ec, rc)));
    const zi = ld(zr, tail);
    const ei = Gate.sigE(zi);
    const ri = Gate.recip(ei);
    const zf = ld(zr + gate, tail);
    const ef = Gate.sigE(zf);
    const rf = Gate.recip(ef);
    const zg = ld(zr + 2 * gate, tail);
    const eg = Gate.tanhE(zg);
    const rg = Gate.recip(eg);
    put(dz, f32x4.mul(f32x4.mul(dcAll, Gate.tanh(zg, eg, rg)), Gate.sigSlope(ei, ri)), tail);
    put(dz + gate, f32x4.mul(f32x4.mul(dcAll, ld(cPrev, tail)), Gate.sigSlope(ef, rf)), tail);
    put(dz + 2 * gate, f32x4.mul(f32x4.mul(dcAll, Gate.sig(zi, ei, ri)), Gate.tanhSlope(eg, rg)), tail);
    put(dc, f32x4.mul(dcAll, Gate.sig(zf, ef, rf)), tail);
  }
}

/** Step i, block b, forward: z_i = zx_i + h_{i−1}·U for the block's gate columns, then its c_i and h_i. */
function forwardBlock(args: usize, i: i32, b: i32, tile: usize): void {
  const rows = argI(args, LstmSeqArgs.rows);
  const units = argI(args, LstmSeqArgs.units);
  const G = 4 * units;
  const gate = (<usize>units) << 2;
  const j0 = firstUnit(args, b);
  const w = blockWidth(args, b);
  const pc = panelCols(argI(args, LstmSeqArgs.block));
  const zx = F32.at(<usize>argI(args, LstmSeqArgs.zx), i * rows * G);
  const z = F32.at(<usize>argI(args, LstmSeqArgs.z), i * rows * G);
  const h = <usize>argI(args, LstmSeqArgs.h);
  const c = <usize>argI(args, LstmSeqArgs.c);
  const hPrev = i == 0 ? <usize>argI(args, LstmSeqArgs.h0) : F32.at(h, (i - 1) * rows * units);
  const cPrev = i == 0 ? <usize>argI(args, LstmSeqArgs.c0) : F32.at(c, (i - 1) * rows * units);
  const hOut = F32.at(h, i * rows * units);
  const cOut = F32.at(c, i * rows * units);
  const packed = blockPanels(args, b);
  for (let g = 0; g < 4; g++) {
    const col = g * units + j0;
    if (zx != z) {
      for (let r = 0; r < rows; r++) memory.copy(F32.at(z, r * G + col), F32.at(zx, r * G + col), (<usize>w) << 2);
    }
    product(units, hPrev, units, packed + ((<usize>(g * pc * units)) << 2), w, rows, F32.at(z, col), G, false, tile);
  }
  const groups = laneGroups(w);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < groups; k++) {
      const q = j0 + groupUnit(w, k);
      const zr = F32.at(z, r * G + q);
      const e = r * units + q;
      // Two inlined copies, so the loads of whole groups carry no tail test.
      if (k >= w >> 2) Cell.forward(zr, gate, F32.at(cPrev, e), F32.at(cOut, e), F32.at(hOut, e), true);
      else Cell.forward(zr, gate, F32.at(cPrev, e), F32.at(cOut, e), F32.at(hOut, e), false);
    }
  }
}

/**
 * Step i, block b, backward: dh_i = dy_i + dz_{i+1}·Uᵀ for the block's units (kept in dh0, which after step 0
 * holds the gradient of h0), then the block's dz_i and running dc. i = −1 computes dh0 only.
 */
function backwardBlock(args: usize, i: i32, b: i32, tile: usize): void {
  const steps = argI(args, LstmSeqArgs.steps);
  const rows = argI(args, LstmSeqArgs.rows);
  const units = argI(args, LstmSeqArgs.units);
  const G = 4 * units;
  const j0 = firstUnit(args, b);
  const w = blockWidth(args, b);
  const dzAll = <usize>argI(args, LstmSeqArgs.dz);
  const dhRec = <usize>argI(args, LstmSeqArgs.dh0);
  const recurrent = i < steps - 1;
  if (recurrent) {
    product(
      G,
      F32.at(dzAll, (i + 1) * rows * G),
      G,
      blockPanels(args, b),
      w,
      rows,
      F32.at(dhRec, j0),
      units,
      true,
      tile,
    );
  }
  if (i < 0) return;
  const dhAll = argI(args, LstmSeqArgs.dhAll) != 0;
  // Upstream gradient of this step's h: every step's, or (dhAll 0) only the last step's.
  const dy: usize = dhAll
    ? F32.at(<usize>argI(args, LstmSeqArgs.dh), i * rows * units)
    : i == steps - 1
      ? <usize>argI(args, LstmSeqArgs.dh)
      : 0;
  const z = F32.at(<usize>argI(args, LstmSeqArgs.z), i * rows * G);
  const dz = F32.at(dzAll, i * rows * G);
  const c = <usize>argI(args, LstmSeqArgs.c);
  const cNew = F32.at(c, i * rows * units);
  const cPrev = i == 0 ? <usize>argI(args, LstmSeqArgs.c0) : F32.at(c, (i - 1) * rows * units);
  const dc = <usize>argI(args, LstmSeqArgs.dc0);
  const gate = (<usize>units) << 2;
  const groups = laneGroups(w);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < groups; k++) {
      const q = j0 + groupUnit(w, k);
      const tail = k >= w >> 2;
      const e = r * units + q;
      let dh = recurrent ? ld(F32.at(dhRec, e), tail) : ZERO;
      if (dy != 0) dh = recurrent ? f32x4.add(dh, ld(F32.at(dy, e), tail)) : ld(F32.at(dy, e), tail);
      const zr = F32.at(z, r * G + q);
      if (tail)
        Cell.backward(zr, F32.at(cNew, e), F32.at(cPrev, e), dh, F32.at(dc, e), F32.at(dz, r * G + q), gate, true);
      else Cell.backward(zr, F32.at(cNew, e), F32.at(cPrev, e), dh, F32.at(dc, e), F32.at(dz, r * G + q), gate, false);
    }
  }
}

/** Claims block b for `phase` (its claim word holds the next phase to claim): true for the one thread that does. */
function claimBlock(claims: usize, b: i32, phase: i32): bool {
  const p = claims + ((<usize>b) << 2);
  if (ASC_FEATURE_THREADS) return atomic.cmpxchg<i32>(p, phase, phase + 1) == phase;
  if (load<i32>(p) != phase) return false;
  store<i32>(p, phase + 1);
  return true;
}

function runBlock(args: usize, forward: bool, steps: i32, phase: i32, b: i32, tile: usize): void {
  if (phase == 0) prepareBlock(args, b);
  else if (forward) forwardBlock(args, phase - 1, b, tile);
  else backwardBlock(args, steps - phase, b, tile);
  finish(args);
}

/**
 * Task (parameters: LstmSeqArgs): a whole sequence, forward or backward. Phase 0 prepares, phase p runs step p−1
 * (forward) or step steps−p (backward; phase steps+1 computes dh0). In each phase a thread first claims its own
 * share of the blocks — the same blocks every step, so their packed U and their columns stay in its cache — then
 * any block still unclaimed (a thread that is late or never came), and waits until the phase is done.
 */
export function lstmSequence(args: usize, tid: i32, nt: i32): void {
  const steps = argI(args, LstmSeqArgs.steps);
  const units = argI(args, LstmSeqArgs.units);
  const block = argI(args, LstmSeqArgs.block);
  const claims = <usize>argI(args, LstmSeqArgs.claims);
  const forward = argI(args, LstmSeqArgs.mode) == LstmSeqMode.forward;
  const blocks = (units + block - 1) / block;
  const phases = forward ? steps + 1 : steps + 2;
  const tile = <usize>argI(args, LstmSeqArgs.tiles) + <usize>tid * THREAD_SCRATCH;
  const own0 = (tid * blocks) / nt;
  const own1 = ((tid + 1) * blocks) / nt;
  for (let phase = 0; phase < phases; phase++) {
    for (let b = own0; b < own1; b++) if (claimBlock(claims, b, phase)) runBlock(args, forward, steps, phase, b, tile);
    for (let b = 0; b < blocks; b++) {
      if ((b < own0 || b >= own1) && claimBlock(claims, b, phase)) runBlock(args, forward, steps, phase, b, tile);
    }
    waitFor(args, (phase + 1) * blocks);
  }
}
