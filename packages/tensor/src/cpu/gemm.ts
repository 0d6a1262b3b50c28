/**
 * C (M×N) = A (M×K) · B (K×N), row-major with explicit offsets, optionally adding into C. GotoBLAS-style: blocks
 * of B (KC×NC) and A (MC×KC) are packed into panels of 4 columns / 4 rows, interleaved so the micro-kernel reads
 * both sequentially, and a 4×4 tile of C is accumulated in 16 local variables (registers) over a whole K block.
 * Transposed operands are handled while packing, so all four transpose combinations run the same kernel at the
 * same speed — backward passes need Aᵀ·B and A·Bᵀ. Accumulating a K block in float64 locals also rounds less than
 * updating C in float32 at every step. Measured here (2-core Zen 3, Node 20), side by side with the previous
 * i-k-j kernel: ~5.7 vs ~3.5 GFLOPS for 512³ and for [128,784]·[784,256] in every transpose combination.
 */
const KC = 256;
const MC = 64;
const NC = 256;

const packedA = new Float32Array(MC * KC);
const packedB = new Float32Array(KC * NC);
const edge = new Float64Array(16);

/** Rows i0 … i0+mc of A, columns k0 … k0+kc, as panels [panel][k][4 rows], zero-padded to whole panels. */
function packA(
  A: Float32Array,
  aOff: number,
  transA: boolean,
  M: number,
  K: number,
  i0: number,
  mc: number,
  k0: number,
  kc: number,
): void {
  const panels = Math.ceil(mc / 4);
  for (let p = 0; p < panels; p++) {
    for (let r = 0; r < 4; r++) {
      const i = i0 + 4 * p + r;
      let d = p * kc * 4 + r;
      if (i >= i0 + mc) {
        for (let k = 0; k < kc; k++, d += 4) packedA[d] = 0;
      } else if (transA) {
        for (let k = 0, s = aOff + k0 * M + i; k < kc; k++, d += 4, s += M) packedA[d] = A[s];
      } else {
        for (let k = 0, s = aOff + i * K + k0; k < kc; k++, d += 4, s++) packedA[d] = A[s];
      }
    }
  }
}

/** Rows k0 … k0+kc of B, columns j0 … j0+nc, as panels [panel][k][4 columns], zero-padded to whole panels. */
function packB(
  B: Float32Array,
  bOff: number,
  transB: boolean,
  K: number,
  N: number,
  k0: number,
  kc: number,
  j0: number,
  nc: number,
): void {
  const panels = Math.ceil(nc / 4);
  for (let q = 0; q < panels; q++) {
    for (let c = 0; c < 4; c++) {
      const j = j0 + 4 * q + c;
      let d = q * kc * 4 + c;
      if (j >= j0 + nc) {
        for (let k = 0; k < kc; k++, d += 4) packedB[d] = 0;
      } else if (transB) {
        for (let k = 0, s = bOff + j * K + k0; k < kc; k++, d += 4, s++) packedB[d] = B[s];
      } else {
        for (let k = 0, s = bOff + k0 * N + j; k < kc; k++, d += 4, s += N) packedB[d] = B[s];
      }
    }
  }
}

/** Adds the product of one A panel and one B panel (kc deep) into the rows×cols corner of a 4×4 tile of C. */
function micro(
  kc: number,
  ao: number,
  bo: number,
  C: Float32Array,
  co: number,
  N: number,
  rows: number,
  cols: number,
): void {
  const a = packedA;
  const b = packedB;
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0,
    c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0,
    c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let k = 0; k < kc; k++, ao += 4, bo += 4) {
    const a0 = a[ao],
      a1 = a[ao + 1],
      a2 = a[ao + 2],
      a3 = a[ao + 3];
    const b0 = b[bo],
      b1 = b[bo + 1],
      b2 = b[bo + 2],
      b3 = b[bo + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (rows === 4 && cols === 4) {
    C[co] += c00;
    C[co + 1] += c01;
    C[co + 2] += c02;
    C[co + 3] += c03;
    co += N;
    C[co] += c10;
    C[co + 1] += c11;
    C[co + 2] += c12;
    C[co + 3] += c13;
    co += N;
    C[co] += c20;
    C[co + 1] += c21;
    C[co + 2] += c22;
    C[co + 3] += c23;
    co += N;
    C[co] += c30;
    C[co + 1] += c31;
    C[co + 2] += c32;
    C[co + 3] += c33;
    return;
  }
  // A partial tile at the right or bottom edge: the padded rows and columns of the panels are zeros.
  edge[0] = c00;
  edge[1] = c01;
  edge[2] = c02;
  edge[3] = c03;
  edge[4] = c10;
  edge[5] = c11;
  edge[6] = c12;
  edge[7] = c13;
  edge[8] = c20;
  edge[9] = c21;
  edge[10] = c22;
  edge[11] = c23;
  edge[12] = c30;
  edge[13] = c31;
  edge[14] = c32;
  edge[15] = c33;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) C[co + r * N + c] += edge[r * 4 + c];
}

export function gemm(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  aOff: number,
  transA: boolean,
  B: Float32Array,
  bOff: number,
  transB: boolean,
  C: Float32Array,
  cOff: number,
  accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  if (M === 0 || N === 0 || K === 0) return;
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = Math.min(NC, N - j0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = Math.min(KC, K - k0);
      packB(B, bOff, transB, K, N, k0, kc, j0, nc);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = Math.min(MC, M - i0);
        packA(A, aOff, transA, M, K, i0, mc, k0, kc);
        for (let jr = 0; jr < nc; jr += 4) {
          const cols = Math.min(4, nc - jr);
          for (let ir = 0; ir < mc; ir += 4) {
            micro(kc, ir * kc, jr * kc, C, cOff + (i0 + ir) * N + j0 + jr, N, Math.min(4, mc - ir), cols);
          }
        }
      }
    }
  }
}
