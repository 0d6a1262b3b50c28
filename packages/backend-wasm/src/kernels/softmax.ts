import { type KernelSpecs, type SoftmaxAttrs, type TensorInfo, softmaxRows } from '@rectify/tensor';
import type { Context } from '../context.js';

/**
 * Softmax rows cost a few exponentials per element, so threads pay off well below the memory-bound threshold of
 * elementwise kernels: from a 64×1024 block up (a B=32, 4-head, T=64 attention layer is 8× that).
 */
const PARALLEL_SOFTMAX = 1 << 16;

function run(
  ctx: Context,
  code: 0 | 1,
  x: TensorInfo,
  dy: TensorInfo | undefined,
  masks: readonly TensorInfo[],
  { scale, causal, causalOffset }: SoftmaxAttrs,
): TensorInfo {
  const { rows, cols, queries } = softmaxRows(x.shape);
  const n = rows * cols;
  const out = ctx.out('float32', n);
  const result = { dataId: out, shape: x.shape, dtype: 'float32' as const };
  if (n === 0) return result;
  const [mask, maskRows] = masks;
  ctx.run(
    'softmax',
    {
      code,
      rows,
      cols,
      queries,
      causal: causal ? 1 : 0,
      offset: causalOffset,
      x: ctx.data(x).ptr,
      dy: dy ? ctx.data(dy).ptr : 0,
      out: out.ptr,
      mask: mask ? ctx.data(mask).ptr : 0,
      maskRows: maskRows ? ctx.data(maskRows).ptr : 0,
      scale,
    },
    n >= PARALLEL_SOFTMAX,
  );
  return result;
}

/** The fused softmax on the SIMD kernel (assembly/softmax.ts), rows shared between threads. */
export function softmax(
  ctx: Context,
  inputs: KernelSpecs['softmax']['inputs'],
  attrs: KernelSpecs['softmax']['attrs'],
): TensorInfo {
  return run(ctx, 0, inputs[0], undefined, inputs.slice(1), attrs);
}

/** Its gradient from the weights y and dy, on the same kernel. */
export function softmaxGrad(
  ctx: Context,
  inputs: KernelSpecs['softmaxGrad']['inputs'],
  attrs: KernelSpecs['softmaxGrad']['attrs'],
): TensorInfo {
  return run(ctx, 1, inputs[0], inputs[1], inputs.slice(2), attrs);
}
