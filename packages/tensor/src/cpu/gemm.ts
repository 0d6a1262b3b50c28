/**
 * C (M×N) = A (M×K) · B (K×N), all row-major with explicit offsets, optionally adding into C.
 * Transposed operands are first packed into row-major panels — O(M·K + K·N) copies against O(M·N·K) work — so
 * every transpose combination runs the same inner kernel at the same speed (backward passes need Aᵀ·B and A·Bᵀ).
 * The kernel walks 4 rows of A at once (four accumulating output rows share each loaded row of B) over cache
 * blocks of K and N, the i-k-j order that keeps the innermost loop a contiguous multiply-add.
 */
const KC = 128;
const NC = 512;

let packA = new Float32Array(0);
let packB = new Float32Array(0);

function packed(src: Float32Array, off: number, rows: number, cols: number, transposed: boolean, which: 'A' | 'B'): { buf: Float32Array; off: number } {
  if (!transposed) return { buf: src, off };
  // `src` holds the cols×rows matrix; write its transpose, rows×cols, row-major.
  const size = rows * cols;
  let buf = which === 'A' ? packA : packB;
  if (buf.length < size) {
    buf = new Float32Array(size);
    if (which === 'A') packA = buf;
    else packB = buf;
  }
  const TB = 32;
  for (let r0 = 0; r0 < rows; r0 += TB) {
    const r1 = Math.min(rows, r0 + TB);
    for (let c0 = 0; c0 < cols; c0 += TB) {
      const c1 = Math.min(cols, c0 + TB);
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) buf[r * cols + c] = src[off + c * rows + r]!;
    }
  }
  return { buf, off: 0 };
}

export function gemm(
  M: number, N: number, K: number,
  A: Float32Array, aOff: number, transA: boolean,
  B: Float32Array, bOff: number, transB: boolean,
  C: Float32Array, cOff: number, accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  if (M === 0 || N === 0 || K === 0) return;
  const a = packed(A, aOff, M, K, transA, 'A');
  const b = packed(B, bOff, K, N, transB, 'B');
  kernel(M, N, K, a.buf, a.off, b.buf, b.off, C, cOff);
}

function kernel(M: number, N: number, K: number, A: Float32Array, aOff: number, B: Float32Array, bOff: number, C: Float32Array, cOff: number): void {
  for (let j0 = 0; j0 < N; j0 += NC) {
    const j1 = Math.min(N, j0 + NC);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const k1 = Math.min(K, k0 + KC);
      let i = 0;
      for (; i + 4 <= M; i += 4) {
        const c0 = cOff + i * N;
        const c1 = c0 + N;
        const c2 = c1 + N;
        const c3 = c2 + N;
        const a0 = aOff + i * K;
        for (let k = k0; k < k1; k++) {
          const v0 = A[a0 + k]!;
          const v1 = A[a0 + K + k]!;
          const v2 = A[a0 + 2 * K + k]!;
          const v3 = A[a0 + 3 * K + k]!;
          const bRow = bOff + k * N;
          for (let j = j0; j < j1; j++) {
            const bv = B[bRow + j]!;
            C[c0 + j] += v0 * bv;
            C[c1 + j] += v1 * bv;
            C[c2 + j] += v2 * bv;
            C[c3 + j] += v3 * bv;
          }
        }
      }
      for (; i < M; i++) {
        const c0 = cOff + i * N;
        const a0 = aOff + i * K;
        for (let k = k0; k < k1; k++) {
          const v0 = A[a0 + k]!;
          if (v0 === 0) continue;
          const bRow = bOff + k * N;
          for (let j = j0; j < j1; j++) C[c0 + j] += v0 * B[bRow + j]!;
        }
      }
    }
  }
}
