import { type KernelSpecs, type TensorInfo, matmulGeometry, sizeOf } from '@rectify/tensor';
import { axesKey, broadcastStrides, collapseAxes, stridedSource } from '../codegen/index-code.js';
import { type GpuContext, filled, launch } from './launch.js';

/**
 * Batched a · b over the last two axes. One thread per output cell runs the K-long dot product; transposes only
 * change the strides it reads with, so every combination runs the same kernel (no transposed copies). The sum
 * is a float32 running sum, as in the CPU backend's GEMM.
 */
export function matmul(
  ctx: GpuContext,
  [a, b]: KernelSpecs['matmul']['inputs'],
  { transposeA, transposeB }: KernelSpecs['matmul']['attrs'],
): TensorInfo {
  const { M, K, N, batchA, batchB, batch, outShape } = matmulGeometry(a.shape, b.shape, transposeA, transposeB);
  if (sizeOf(outShape) > 0 && K === 0) return filled(ctx, outShape, 'float32', 0);
  // Element strides of a[m, k] and b[k, n] inside one matrix.
  const [sam, sak] = transposeA ? [1, M] : [K, 1];
  const [sbk, sbn] = transposeB ? [1, K] : [N, 1];
  // Output [batch…, M, N]: ia/ib are where row m of a and column n of b start.
  const aBatch = broadcastStrides(batchA, batch).map((s) => s * M * K);
  const bBatch = broadcastStrides(batchB, batch).map((s) => s * K * N);
  const axes = collapseAxes(
    [...batch, M, N],
    [
      [...aBatch, sam, 0],
      [...bBatch, 0, sbn],
    ],
  );
  const statements = `let acc = 0;
for (let k = 0; k < ${K}; k++) {
  acc += a[ia + k * ${sak}] * b[ib + k * ${sbk}];
}
return acc;`;
  const build = () => ({ source: stridedSource(['a', 'b'], ['ia', 'ib'], axes, statements), loopMax: K });
  return launch(ctx, 'matmul', `${K} ${sak} ${sbk} ${axesKey(axes)}`, outShape, 'float32', build, [a, b]);
}
