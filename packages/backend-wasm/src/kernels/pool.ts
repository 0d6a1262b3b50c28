import type { KernelSpecs, Pool2DInfo, TensorInfo } from '@rectify/tensor';
import type { Context } from '../context.js';
import type { WasmData } from '../runtime/heap.js';

/** Window and im2col work does index arithmetic per element, so it pays to split it from 2¹⁶ elements. */
const PARALLEL_WORK = 1 << 16;

const MAX = 1;
const AVG = 2;

function poolArgs(ctx: Context, op: number, src: number, dst: number, info: Pool2DInfo, x = 0): void {
  ctx.args32([
    op,
    src,
    dst,
    info.batch,
    info.inH,
    info.inW,
    info.channels,
    info.outH,
    info.outW,
    info.kH,
    info.kW,
    info.strideH,
    info.strideW,
    info.padTop,
    info.padLeft,
    x,
  ]);
}

function outShape(info: Pool2DInfo): number[] {
  return [info.batch, info.outH, info.outW, info.channels];
}

function forward(ctx: Context, op: number, x: TensorInfo, info: Pool2DInfo): TensorInfo {
  const out = ctx.out('float32', info.batch * info.outH * info.outW * info.channels);
  if (out.length > 0) {
    poolArgs(ctx, op, ctx.data(x).ptr, out.ptr, info);
    ctx.run('pool', out.length * info.kH * info.kW >= PARALLEL_WORK);
  }
  return { dataId: out, shape: outShape(info), dtype: 'float32' };
}

function backward(ctx: Context, op: number, dy: WasmData, info: Pool2DInfo, x: number): TensorInfo {
  const dx = ctx.out('float32', info.batch * info.inH * info.inW * info.channels);
  if (dx.length > 0) {
    poolArgs(ctx, op, dy.ptr, dx.ptr, info, x);
    ctx.run('poolGrad', dx.length >= PARALLEL_WORK);
  }
  return { dataId: dx, shape: [info.batch, info.inH, info.inW, info.channels], dtype: 'float32' };
}

export function maxPool(
  ctx: Context,
  [x]: KernelSpecs['maxPool']['inputs'],
  { info }: KernelSpecs['maxPool']['attrs'],
): TensorInfo {
  return forward(ctx, MAX, x, info);
}

export function avgPool(
  ctx: Context,
  [x]: KernelSpecs['avgPool']['inputs'],
  { info }: KernelSpecs['avgPool']['attrs'],
): TensorInfo {
  return forward(ctx, AVG, x, info);
}

export function maxPoolGrad(
  ctx: Context,
  [dy, x]: KernelSpecs['maxPoolGrad']['inputs'],
  { info }: KernelSpecs['maxPoolGrad']['attrs'],
): TensorInfo {
  return backward(ctx, MAX, ctx.data(dy), info, ctx.data(x).ptr);
}

export function avgPoolGrad(
  ctx: Context,
  [dy]: KernelSpecs['avgPoolGrad']['inputs'],
  { info }: KernelSpecs['avgPoolGrad']['attrs'],
): TensorInfo {
  return backward(ctx, AVG, ctx.data(dy), info, 0);
}
