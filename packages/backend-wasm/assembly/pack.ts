// Packing for the GEMM: panels laid out in the exact order the micro-kernel reads them, zero-padded to whole panels,
// with transposed operands transposed on the way (4×4 blocks in registers), so the kernel never sees a layout.
import { F32 } from './common';
import { MR, NR } from './gemm';

/** Packs rows [i0, i0+mc) × cols [k0, k0+kc) of op(A) = Aᵀ into MR-row panels (k-major), zero-padding the last. */
export function packAT(A: usize, lda: i32, i0: i32, mc: i32, k0: i32, kc: i32, dst: usize): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const rows = min(MR, mc - ip);
    const d = dst + ((<usize>(ip * kc)) << 2);
    const i = i0 + ip;
    if (rows == MR) {
      // The four rows of op(A) at one k are contiguous in the stored matrix.
      for (let k = 0; k < kc; k++) v128.store(d + ((<usize>k) << 4), v128.load(F32.at(A, (k0 + k) * lda + i)));
    } else {
      for (let k = 0; k < kc; k++) {
        for (let r = 0; r < MR; r++)
          store<f32>(d + ((<usize>(k * MR + r)) << 2), r < rows ? load<f32>(F32.at(A, (k0 + k) * lda + i + r)) : 0);
      }
    }
  }
}

/** Packs rows [k0, k0+kc) × cols [j0, j0+nc) of op(B) into NR-column panels, zero-padding the last panel. */
export function packB(B: usize, ldb: i32, transB: bool, k0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const d = dst + ((<usize>(jp * kc)) << 2);
    const j = j0 + jp;
    if (cols == NR && !transB) {
      for (let k = 0; k < kc; k++) {
        const s = F32.at(B, (k0 + k) * ldb + j);
        const p = d + ((<usize>k) << 5);
        v128.store(p, v128.load(s));
        v128.store(p, v128.load(s, 16), 16);
      }
    } else if (cols == NR) {
      // op(B) = Bᵀ: eight rows of the stored matrix, four k at a time, two 4×4 transposes per step.
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        for (let h = 0; h < 2; h++) {
          const r0 = F32.at(B, (j + h * 4) * ldb + k0 + k);
          const r1 = r0 + ((<usize>ldb) << 2);
          const r2 = r1 + ((<usize>ldb) << 2);
          const r3 = r2 + ((<usize>ldb) << 2);
          const a = v128.load(r0);
          const b = v128.load(r1);
          const c = v128.load(r2);
          const e = v128.load(r3);
          const t0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
          const t1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
          const t2 = v128.shuffle<f32>(c, e, 0, 4, 1, 5);
          const t3 = v128.shuffle<f32>(c, e, 2, 6, 3, 7);
          const p = d + ((<usize>k) << 5) + ((<usize>h) << 4);
          v128.store(p, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
          v128.store(p, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 32);
          v128.store(p, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 64);
          v128.store(p, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 96);
        }
      }
      for (; k < kc; k++) {
        for (let c = 0; c < NR; c++)
          store<f32>(d + ((<usize>(k * NR + c)) << 2), load<f32>(F32.at(B, (j + c) * ldb + k0 + k)));
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let c = 0; c < NR; c++) {
          const v: f32 = c < cols ? load<f32>(F32.at(B, transB ? (j + c) * ldb + k0 + k : (k0 + k) * ldb + j + c)) : 0;
          store<f32>(d + ((<usize>(k * NR + c)) << 2), v);
        }
      }
    }
  }
}
