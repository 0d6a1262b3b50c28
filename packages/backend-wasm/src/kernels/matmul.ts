import { type KernelSpecs, type TensorInfo, broadcastStrides, matmulGeometry, sizeOf } from '@rectify/tensor';
import type { Context } from '../context.js';

/** Products below this many multiply-adds run on one thread. */
export const PARALLEL_MACS = 1 << 18;

/** One GEMM problem as the kernel takes it; pointers are byte addresses. */
export interface Gemm {
  readonly M: number;
  readonly N: number;
  readonly K: number;
  readonly a: number;
  readonly transA: boolean;
  readonly b: number;
  readonly transB: boolean;
  readonly c: number;
  readonly accumulate?: boolean;
  /** Leading dimensions (row lengths as stored); default to the dense layout. */
  readonly lda?: number;
  readonly ldb?: number;
  readonly ldc?: number;
  /** Products in the batch and a table of 3 byte offsets (A, B, C) per product; default: one product. */
  readonly batch?: number;
  readonly offsets?: number;
}

/** C = op(A)·op(B) (+ C) on the packed SIMD kernel, threads sharing the rows, columns or products. */
export function gemm(ctx: Context, g: Gemm): void {
  const batch = g.batch ?? 1;
  if (g.M === 0 || g.N === 0 || batch === 0) return;
  const [scratch, stride] = ctx.gemmScratch();
  const params = {
    m: g.M,
    n: g.N,
    k: g.K,
    transA: g.transA ? 1 : 0,
    transB: g.transB ? 1 : 0,
    accumulate: g.accumulate ? 1 : 0,
    a: g.a,
    b: g.b,
    c: g.c,
    lda: g.lda ?? (g.transA ? g.M : g.K),
    ldb: g.ldb ?? (g.transB ? g.K : g.N),
    ldc: g.ldc ?? g.N,
    batch,
    offsets: g.offsets ?? 0,
    scratch,
    scratchStride: stride,
  };
  ctx.run('gemm', params, g.M * g.N * Math.max(g.K, 1) * batch >= PARALLEL_MACS);
}

export function matmul(
  ctx: Context,
  [a, b]: KernelSpecs['matmul']['inputs'],
  { transposeA, transposeB }: KernelSpecs['matmul']['attrs'],
): TensorInfo {
  const {
    M,
    K,
    N,
    batchA,
    batchB,
    batch: batchShape,
    outShape: shape,
  } = matmulGeometry(a.shape, b.shape, transposeA, transposeB);
  const out = ctx.out('float32', sizeOf(shape));
  const result = { dataId: out, shape, dtype: 'float32' as const };
  const nBatch = sizeOf(batchShape);
  if (out.length === 0) return result;
  const ad = ctx.data(a);
  const bd = ctx.data(b);
  if (nBatch === 1) {
    gemm(ctx, { M, N, K, a: ad.ptr, transA: transposeA, b: bd.ptr, transB: transposeB, c: out.ptr });
    return result;
  }
  // Broadcast batch axes: a table of per-product byte offsets, so one task covers the whole batch.
  const sa = broadcastStrides(batchA, batchShape);
  const sb = broadcastStrides(batchB, batchShape);
  const table = ctx.heap.scratch(nBatch * 12);
  try {
    const i32 = ctx.heap.i32;
    const idx = new Array<number>(batchShape.length).fill(0);
    for (let n = 0; n < nBatch; n++) {
      let oa = 0;
      let ob = 0;
      idx.forEach((v, d) => {
        oa += v * sa[d]!;
        ob += v * sb[d]!;
      });
      const t = (table >>> 2) + 3 * n;
      i32[t] = oa * M * K * 4;
      i32[t + 1] = ob * K * N * 4;
      i32[t + 2] = n * M * N * 4;
      for (let d = idx.length - 1; d >= 0; d--) {
        if (++idx[d]! < batchShape[d]!) break;
        idx[d] = 0;
      }
    }
    gemm(ctx, {
      M,
      N,
      K,
      a: ad.ptr,
      transA: transposeA,
      b: bd.ptr,
      transB: transposeB,
      c: out.ptr,
      batch: nBatch,
      offsets: table,
    });
  } finally {
    ctx.heap.freeScratch(table, nBatch * 12);
  }
  return result;
}
