import type { KernelSpecs, TensorInfo } from '@rectify/tensor';
import { GruMode } from '../abi.js';
import type { Context } from '../context.js';
import { PARALLEL_ELEMENTS } from './elementwise.js';

const GRAD_MODES = { zx: GruMode.gradZx, zh: GruMode.gradZh, h: GruMode.gradH } as const;

/** The `gruCell` SIMD task over `[batch, units]`; `dy` is null for the forward mode. */
function run(ctx: Context, mode: GruMode, [zx, zh, h]: readonly TensorInfo[], dy: TensorInfo | null, like: TensorInfo) {
  const [rows, units] = h!.shape as [number, number];
  const out = ctx.out('float32', ctx.data(like).length);
  if (rows * units > 0) {
    const params = {
      mode,
      rows,
      units,
      zx: ctx.data(zx!).ptr,
      zh: ctx.data(zh!).ptr,
      h: ctx.data(h!).ptr,
      dy: dy ? ctx.data(dy).ptr : 0,
      out: out.ptr,
    };
    ctx.run('gruCell', params, 3 * rows * units >= PARALLEL_ELEMENTS);
  }
  return { dataId: out, shape: like.shape, dtype: 'float32' } as const;
}

export function gruCell(ctx: Context, inputs: KernelSpecs['gruCell']['inputs']): TensorInfo {
  return run(ctx, GruMode.value, inputs, null, inputs[2]);
}

export function gruCellGrad(
  ctx: Context,
  [zx, zh, h, dy]: KernelSpecs['gruCellGrad']['inputs'],
  { wrt }: KernelSpecs['gruCellGrad']['attrs'],
): TensorInfo {
  return run(ctx, GRAD_MODES[wrt], [zx, zh, h], dy, wrt === 'h' ? h : zx);
}
