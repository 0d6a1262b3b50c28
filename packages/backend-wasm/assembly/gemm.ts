// Packed, register-blocked GEMM: C (M×N) = op(A) (M×K) · op(B) (K×N), optionally added into C.
//
// B is packed into KC×NR column panels, so the micro-kernel streams it contiguously whatever its layout. A is read
// in place, four rows at a time, when it is row-major; a transposed A is packed into MR-row panels (reading a
// column of Aᵀ in place strides by a whole row per k, which thrashes L1 sets when rows are 4 KiB apart). The
// transposes are thus absorbed by packing and addressing, and all four combinations run at the same speed. The micro-kernel keeps a 4×8 tile of C in eight v128 registers (a 6×8 tile spills on x64 and runs ~2×
// slower); a KC×NR panel of B stays in L1 while an MC×KC block of A streams from L2.
//
// Threads take units of work — bands of columns, or of rows when C is narrow — from a shared atomic counter, so a
// thread the OS descheduled simply takes fewer units. Every element of C is computed inside one unit, in the same
// order whatever the partition, so results do not depend on the thread count.
import { GemmArgs } from './abi';
import { F32, argI, claim } from './common';
import { packAT, packB } from './pack';

export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const MC: i32 = 128;
export const NC: i32 = 1024;
/** Bytes of scratch one thread needs: packed blocks of A (MC×KC) and B (KC×NC), and one edge tile. */
export const GEMM_SCRATCH: i32 = (MC * KC + KC * NC + MR * NR) * 4;

/**
 * The 4×8 micro-kernel: rows a, a+r1, a+r2, a+r3 of A (stepping `ks` bytes per k) times a packed kc×8 panel `b`.
 * Writes (or adds, unless `overwrite`) the mr×nr corner of the tile into C; partial tiles go through `tile`, so
 * C outside the matrix is never touched.
 */
export function micro(
  kc: i32,
  a: usize,
  r1: usize,
  r2: usize,
  r3: usize,
  ks: usize,
  b: usize,
  c: usize,
  ldcBytes: usize,
  overwrite: bool,
  mr: i32,
  nr: i32,
  tile: usize,
): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const a0 = v128.load32_splat(a);
    c00 = F32.fma4(a0, b0, c00);
    c01 = F32.fma4(a0, b1, c01);
    const a1 = v128.load32_splat(a + r1);
    c10 = F32.fma4(a1, b0, c10);
    c11 = F32.fma4(a1, b1, c11);
    const a2 = v128.load32_splat(a + r2);
    c20 = F32.fma4(a2, b0, c20);
    c21 = F32.fma4(a2, b1, c21);
    const a3 = v128.load32_splat(a + r3);
    c30 = F32.fma4(a3, b0, c30);
    c31 = F32.fma4(a3, b1, c31);
    a += ks;
    b += 32;
  }
  if (mr == MR && nr == NR) {
    if (!overwrite) {
      c00 = f32x4.add(c00, v128.load(c));
      c01 = f32x4.add(c01, v128.load(c, 16));
      c10 = f32x4.add(c10, v128.load(c + ldcBytes));
      c11 = f32x4.add(c11, v128.load(c + ldcBytes, 16));
      c20 = f32x4.add(c20, v128.load(c + 2 * ldcBytes));
      c21 = f32x4.add(c21, v128.load(c + 2 * ldcBytes, 16));
      c30 = f32x4.add(c30, v128.load(c + 3 * ldcBytes));
      c31 = f32x4.add(c31, v128.load(c + 3 * ldcBytes, 16));
    }
    v128.store(c, c00);
    v128.store(c, c01, 16);
    v128.store(c + ldcBytes, c10);
    v128.store(c + ldcBytes, c11, 16);
    v128.store(c + 2 * ldcBytes, c20);
    v128.store(c + 2 * ldcBytes, c21, 16);
    v128.store(c + 3 * ldcBytes, c30);
    v128.store(c + 3 * ldcBytes, c31, 16);
    return;
  }
  v128.store(tile, c00);
  v128.store(tile, c01, 16);
  v128.store(tile, c10, 32);
  v128.store(tile, c11, 48);
  v128.store(tile, c20, 64);
  v128.store(tile, c21, 80);
  v128.store(tile, c30, 96);
  v128.store(tile, c31, 112);
  for (let r = 0; r < mr; r++) {
    const row = c + <usize>r * ldcBytes;
    for (let q = 0; q < nr; q++) {
      const v = load<f32>(tile + ((<usize>(r * NR + q)) << 2));
      const p = row + ((<usize>q) << 2);
      store<f32>(p, overwrite ? v : load<f32>(p) + v);
    }
  }
}

/** C[i0:i1, j0:j1] of one product: the whole blocked loop nest. `scratch` is this thread's own. */
export function gemmRect(
  K: i32,
  A: usize,
  lda: i32,
  transA: bool,
  B: usize,
  ldb: i32,
  transB: bool,
  C: usize,
  ldc: i32,
  accumulate: bool,
  i0: i32,
  i1: i32,
  j0: i32,
  j1: i32,
  scratch: usize,
): void {
  if (i1 <= i0 || j1 <= j0) return;
  const ldcBytes = (<usize>ldc) << 2;
  if (K == 0) {
    if (!accumulate) for (let i = i0; i < i1; i++) memory.fill(F32.at(C, i * ldc + j0), 0, (<usize>(j1 - j0)) << 2);
    return;
  }
  const Ap = scratch;
  const Bp = Ap + ((<usize>(MC * KC)) << 2);
  const tile = Bp + ((<usize>(KC * NC)) << 2);
  // Byte steps through A (in place, or its packed panels): to the next row, and to the next k.
  const rs: usize = transA ? 4 : (<usize>lda) << 2;
  const ks: usize = transA ? 16 : 4;
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      packB(B, ldb, transB, pc, kc, jc, nc, Bp);
      const overwrite = pc == 0 && !accumulate;
      for (let ic = i0; ic < i1; ic += MC) {
        const ie = min(i1, ic + MC);
        if (transA) packAT(A, lda, ic, ie - ic, pc, kc, Ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bp = Bp + ((<usize>(jr * kc)) << 2);
          for (let ir = ic; ir < ie; ir += MR) {
            const mr = min(MR, ie - ir);
            // Rows past the edge re-read the last row (their results are dropped), so A is never over-read; packed
            // panels are zero-padded instead.
            const r1 = mr > 1 || transA ? rs : 0;
            const r2 = mr > 2 || transA ? 2 * rs : r1;
            const r3 = mr > 3 || transA ? 3 * rs : r2;
            const a = transA ? Ap + ((<usize>((ir - ic) * kc)) << 2) : F32.at(A, ir * lda + pc);
            micro(kc, a, r1, r2, r3, ks, bp, F32.at(C, ir * ldc + jc + jr), ldcBytes, overwrite, mr, nr, tile);
          }
        }
      }
    }
  }
}

/**
 * Task: a batch of products (parameters: GemmArgs). `offsets` (0 for a single product) holds three byte offsets per
 * product, for A, B and C.
 */
export function gemm(args: usize, tid: i32, nt: i32): void {
  const M = argI(args, GemmArgs.m);
  const N = argI(args, GemmArgs.n);
  const K = argI(args, GemmArgs.k);
  const transA = argI(args, GemmArgs.transA) != 0;
  const transB = argI(args, GemmArgs.transB) != 0;
  const accumulate = argI(args, GemmArgs.accumulate) != 0;
  const A = <usize>argI(args, GemmArgs.a);
  const B = <usize>argI(args, GemmArgs.b);
  const C = <usize>argI(args, GemmArgs.c);
  const lda = argI(args, GemmArgs.lda);
  const ldb = argI(args, GemmArgs.ldb);
  const ldc = argI(args, GemmArgs.ldc);
  const nBatch = argI(args, GemmArgs.batch);
  const offsets = <usize>argI(args, GemmArgs.offsets);
  const scratch = <usize>argI(args, GemmArgs.scratch) + <usize>tid * <usize>argI(args, GemmArgs.scratchStride);
  // Units per product: none to split on one thread, or when there are enough products to share out whole;
  // otherwise about two per thread (four, each packing its own copy of the shared operand or streaming all of A
  // again, was 2–3 % slower in A/B runs at the MLP's shapes and at 1024; one would leave a thread the OS holds up
  // with half the product). Column bands when A is read in place (then no work is duplicated) or packed but smaller
  // than B (each band packs all of A: a weight gradient Xᵀ·dY with few features); row bands otherwise (each band
  // packs its own rows of A but all of B).
  let bandCols = N;
  let bandRows = M;
  if (nt > 1 && nBatch < 2 * nt) {
    const panels = (N + NR - 1) / NR;
    if (panels >= 2 * nt && (!transA || M < N)) {
      bandCols = NR * max(1, min(32, (panels + 2 * nt - 1) / (2 * nt)));
    } else {
      const tiles = (M + MR - 1) / MR;
      bandRows = MR * max(1, (tiles + 2 * nt - 1) / (2 * nt));
    }
  }
  const colUnits = (N + bandCols - 1) / max(1, bandCols);
  const rowUnits = (M + bandRows - 1) / max(1, bandRows);
  const perProduct = colUnits * rowUnits;
  const total = perProduct * nBatch;
  for (let u = claim(args); u < total; u = claim(args)) {
    const b = u / perProduct;
    const r = u - b * perProduct;
    const ru = r / colUnits;
    const cu = r - ru * colUnits;
    let oa: usize = 0,
      ob: usize = 0,
      oc: usize = 0;
    if (offsets != 0) {
      const o = offsets + <usize>(b * 12);
      oa = <usize>load<i32>(o);
      ob = <usize>load<i32>(o, 4);
      oc = <usize>load<i32>(o, 8);
    }
    const i0 = ru * bandRows;
    const j0 = cu * bandCols;
    gemmRect(
      K,
      A + oa,
      lda,
      transA,
      B + ob,
      ldb,
      transB,
      C + oc,
      ldc,
      accumulate,
      i0,
      min(M, i0 + bandRows),
      j0,
      min(N, j0 + bandCols),
      scratch,
    );
  }
}
