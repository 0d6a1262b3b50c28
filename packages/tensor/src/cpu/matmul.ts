import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import { broadcastStrides, sizeOf } from '../shape.js';
import { matmulGeometry } from '../matmul-geometry.js';
import { gemm } from './gemm.js';
import type { CpuStorage } from './storage.js';

export function matmul(
  store: CpuStorage,
  [a, b]: KernelSpecs['matmul']['inputs'],
  { transposeA, transposeB }: KernelSpecs['matmul']['attrs'],
): TensorInfo {
  const { M, K, N, batchA, batchB, batch, outShape } = matmulGeometry(a.shape, b.shape, transposeA, transposeB);
  const out = new Float32Array(sizeOf(outShape));
  const A = store.get(a.dataId) as Float32Array;
  const B = store.get(b.dataId) as Float32Array;
  const nBatch = sizeOf(batch);
  const sa = broadcastStrides(batchA, batch);
  const sb = broadcastStrides(batchB, batch);
  const idx = new Array<number>(batch.length).fill(0);
  for (let n = 0; n < nBatch; n++) {
    let oa = 0;
    let ob = 0;
    for (let d = 0; d < batch.length; d++) {
      oa += idx[d]! * sa[d]!;
      ob += idx[d]! * sb[d]!;
    }
    gemm(M, N, K, A, oa * M * K, transposeA, B, ob * K * N, transposeB, out, n * M * N, false);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d]! < batch[d]!) break;
      idx[d] = 0;
    }
  }
  return store.put(out, outShape, 'float32');
}
