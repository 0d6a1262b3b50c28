import type { KernelSpecs, Pool2DInfo, TensorInfo } from '@rectify/tensor';
import type { Context } from '../context.js';
import { PoolCode } from '../abi.js';
import type { WasmData } from '../runtime/heap.js';

/** Window and im2col work does index arithmetic per element, so it pays to split it from 2¹⁶ elements. */
const PARALLEL_WORK = 1 << 16;

/** The geometry slots of PoolArgs. */
function geometry(info: Pool2DInfo) {
  const { batch, inH, inW, channels, outH, outW, kH, kW, strideH, strideW, padTop, padLeft } = info;
  return { batch, inH, inW, channels, outH, outW, kH, kW, strideH, strideW, padTop, padLeft };
}

function outShape(info: Pool2DInfo): number[] {
  return [info.batch, info.outH, info.outW, info.channels];
}

/**
 * Whether the windows tile the input from its corner — stride = window, no padding, channels in whole SIMD lanes
 * (a 2×2 max pool): then no window overlaps another and the tiled kernels write each gradient element once.
 */
export function windowsTile(info: Pool2DInfo): boolean {
  const { kH, kW, strideH, strideW, padTop, padLeft, channels, outH, outW, inH, inW } = info;
  return (
    strideH === kH &&
    strideW === kW &&
    padTop === 0 &&
    padLeft === 0 &&
    channels % 4 === 0 &&
    outH * kH <= inH &&
    outW * kW <= inW
  );
}

function forward(ctx: Context, code: PoolCode, x: TensorInfo, info: Pool2DInfo): TensorInfo {
  const out = ctx.out('float32', info.batch * info.outH * info.outW * info.channels);
  if (out.length > 0) {
    const params = { code, x: ctx.data(x).ptr, y: out.ptr, dy: 0, dx: 0, ...geometry(info) };
    const task = windowsTile(info) ? 'poolTiled' : 'pool';
    ctx.run(task, params, out.length * info.kH * info.kW >= PARALLEL_WORK);
  }
  return { dataId: out, shape: outShape(info), dtype: 'float32' };
}

function backward(ctx: Context, code: PoolCode, dy: WasmData, info: Pool2DInfo, x: number): TensorInfo {
  const dx = ctx.out('float32', info.batch * info.inH * info.inW * info.channels);
  if (dx.length > 0) {
    const params = { code, x, y: 0, dy: dy.ptr, dx: dx.ptr, ...geometry(info) };
    const task = windowsTile(info) ? 'poolTiled' : 'poolGrad';
    ctx.run(task, params, dx.length >= PARALLEL_WORK);
  }
  return { dataId: dx, shape: [info.batch, info.inH, info.inW, info.channels], dtype: 'float32' };
}

export function maxPool(
  ctx: Context,
  [x]: KernelSpecs['maxPool']['inputs'],
  { info }: KernelSpecs['maxPool']['attrs'],
): TensorInfo {
  return forward(ctx, PoolCode.max, x, info);
}

export function avgPool(
  ctx: Context,
  [x]: KernelSpecs['avgPool']['inputs'],
  { info }: KernelSpecs['avgPool']['attrs'],
): TensorInfo {
  return forward(ctx, PoolCode.avg, x, info);
}

export function maxPoolGrad(
  ctx: Context,
  [dy, x]: KernelSpecs['maxPoolGrad']['inputs'],
  { info }: KernelSpecs['maxPoolGrad']['attrs'],
): TensorInfo {
  return backward(ctx, PoolCode.max, ctx.data(dy), info, ctx.data(x).ptr);
}

export function avgPoolGrad(
  ctx: Context,
  [dy]: KernelSpecs['avgPoolGrad']['inputs'],
  { info }: KernelSpecs['avgPoolGrad']['attrs'],
): TensorInfo {
  return backward(ctx, PoolCode.avg, ctx.data(dy), info, 0);
}
