import type { KernelSpecs, TensorInfo } from '@rectify/tensor';
import { LstmMode } from '../abi.js';
import type { Context } from '../context.js';
import { PARALLEL_ELEMENTS } from './elementwise.js';

const MODES = {
  state: { z: LstmMode.stateGradZ, c: LstmMode.stateGradC, value: LstmMode.state },
  hidden: { z: LstmMode.hiddenGradZ, c: LstmMode.hiddenGradC, value: LstmMode.hidden },
} as const;

/** The `lstmCell` SIMD task over `[batch, units]`; `dy` is 0 (no gradient) for the forward modes. */
function run(ctx: Context, mode: LstmMode, z: TensorInfo, c: TensorInfo, dy: TensorInfo | null, outLength: number) {
  const [rows, units] = c.shape as [number, number];
  const out = ctx.out('float32', outLength);
  if (outLength > 0) {
    const params = {
      mode,
      rows,
      units,
      z: ctx.data(z).ptr,
      c: ctx.data(c).ptr,
      dy: dy ? ctx.data(dy).ptr : 0,
      out: out.ptr,
    };
    ctx.run('lstmCell', params, 4 * rows * units >= PARALLEL_ELEMENTS);
  }
  return out;
}

export function lstmCell(
  ctx: Context,
  [z, c]: KernelSpecs['lstmCell']['inputs'],
  { part }: KernelSpecs['lstmCell']['attrs'],
): TensorInfo {
  const out = run(ctx, MODES[part].value, z, c, null, ctx.data(c).length);
  return { dataId: out, shape: c.shape, dtype: 'float32' };
}

export function lstmCellGrad(
  ctx: Context,
  [z, c, dy]: KernelSpecs['lstmCellGrad']['inputs'],
  { part, wrt }: KernelSpecs['lstmCellGrad']['attrs'],
): TensorInfo {
  const like = wrt === 'z' ? z : c;
  const out = run(ctx, MODES[part][wrt], z, c, dy, ctx.data(like).length);
  return { dataId: out, shape: like.shape, dtype: 'float32' };
}
