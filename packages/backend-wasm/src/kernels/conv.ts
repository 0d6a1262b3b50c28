import type { Conv2DInfo, KernelSpecs, TensorInfo } from '@rectify/tensor';
import type { Context } from '../context.js';
import { gemm } from './matmul.js';

/** Window and im2col work does index arithmetic per element, so it pays to split it from 2¹⁶ elements. */
const PARALLEL_WORK = 1 << 16;

/** The im2col buffer holds at most this many floats (16 MiB); larger batches are done a group of images at a time. */
const COL_BUDGET = 1 << 22;

interface Plan {
  readonly P: number;
  readonly KK: number;
  /** 1×1, stride 1, no padding: x already is the column matrix. */
  readonly pointwise: boolean;
  readonly group: number;
  readonly inImage: number;
}

function plan(info: Conv2DInfo): Plan {
  const P = info.outH * info.outW;
  const KK = info.kH * info.kW * info.inC;
  const pointwise = info.kH === 1 && info.kW === 1 && info.strideH === 1 && info.strideW === 1 && info.padTop === 0 && info.padLeft === 0;
  return { P, KK, pointwise, group: Math.max(1, Math.floor(COL_BUDGET / Math.max(1, P * KK))), inImage: info.inH * info.inW * info.inC };
}

function colArgs(ctx: Context, task: 'im2col' | 'col2im', image: number, col: number, images: number, info: Conv2DInfo): void {
  ctx.args32([
    image, col, images, info.inH, info.inW, info.inC, info.outH, info.outW, info.kH, info.kW,
    info.strideH, info.strideW, info.dilationH, info.dilationW, info.padTop, info.padLeft,
  ]);
  ctx.run(task, images * Math.max(info.outH * info.outW * info.kH * info.kW * info.inC, info.inH * info.inW * info.inC) >= PARALLEL_WORK);
}

/** Runs `body(firstImage, images, col)` over groups of images sharing one im2col buffer. */
function inGroups(ctx: Context, info: Conv2DInfo, p: Plan, body: (b0: number, n: number, col: number) => void): void {
  const groupSize = Math.min(p.group, info.batch);
  const bytes = groupSize * p.P * p.KK * 4;
  const col = ctx.heap.scratch(bytes);
  try {
    for (let b0 = 0; b0 < info.batch; b0 += groupSize) body(b0, Math.min(groupSize, info.batch - b0), col);
  } finally {
    ctx.heap.freeScratch(col, bytes);
  }
}

export function conv2d(ctx: Context, [x, filter]: KernelSpecs['conv2d']['inputs'], { info }: KernelSpecs['conv2d']['attrs']): TensorInfo {
  const p = plan(info);
  const out = ctx.out('float32', info.batch * p.P * info.outC);
  const result = { dataId: out, shape: [info.batch, info.outH, info.outW, info.outC], dtype: 'float32' as const };
  if (out.length === 0) return result;
  const xp = ctx.data(x).ptr;
  const w = ctx.data(filter).ptr;
  if (p.pointwise) {
    gemm(ctx, { M: info.batch * p.P, N: info.outC, K: p.KK, a: xp, transA: false, b: w, transB: false, c: out.ptr });
    return result;
  }
  inGroups(ctx, info, p, (b0, n, col) => {
    colArgs(ctx, 'im2col', xp + b0 * p.inImage * 4, col, n, info);
    gemm(ctx, { M: n * p.P, N: info.outC, K: p.KK, a: col, transA: false, b: w, transB: false, c: out.ptr + b0 * p.P * info.outC * 4 });
  });
  return result;
}

export function conv2dBackpropInput(ctx: Context, [dy, filter]: KernelSpecs['conv2dBackpropInput']['inputs'], { info }: KernelSpecs['conv2dBackpropInput']['attrs']): TensorInfo {
  const p = plan(info);
  const dx = ctx.out('float32', info.batch * p.inImage);
  const result = { dataId: dx, shape: [info.batch, info.inH, info.inW, info.inC], dtype: 'float32' as const };
  if (dx.length === 0) return result;
  const g = ctx.data(dy).ptr;
  const w = ctx.data(filter).ptr;
  if (p.pointwise) {
    gemm(ctx, { M: info.batch * p.P, N: info.inC, K: info.outC, a: g, transA: false, b: w, transB: true, c: dx.ptr });
    return result;
  }
  if (p.P === 0 || p.KK === 0) {
    ctx.heap.view(dx).fill(0);
    return result;
  }
  inGroups(ctx, info, p, (b0, n, col) => {
    gemm(ctx, { M: n * p.P, N: p.KK, K: info.outC, a: g + b0 * p.P * info.outC * 4, transA: false, b: w, transB: true, c: col });
    colArgs(ctx, 'col2im', dx.ptr + b0 * p.inImage * 4, col, n, info);
  });
  return result;
}

export function conv2dBackpropFilter(ctx: Context, [x, dy]: KernelSpecs['conv2dBackpropFilter']['inputs'], { info }: KernelSpecs['conv2dBackpropFilter']['attrs']): TensorInfo {
  const p = plan(info);
  const dw = ctx.out('float32', p.KK * info.outC);
  const result = { dataId: dw, shape: [info.kH, info.kW, info.inC, info.outC], dtype: 'float32' as const };
  if (dw.length === 0) return result;
  const xp = ctx.data(x).ptr;
  const g = ctx.data(dy).ptr;
  if (info.batch === 0 || p.P === 0) {
    ctx.heap.view(dw).fill(0);
    return result;
  }
  if (p.pointwise) {
    gemm(ctx, { M: p.KK, N: info.outC, K: info.batch * p.P, a: xp, transA: true, b: g, transB: false, c: dw.ptr });
    return result;
  }
  inGroups(ctx, info, p, (b0, n, col) => {
    colArgs(ctx, 'im2col', xp + b0 * p.inImage * 4, col, n, info);
    const dyOff = g + b0 * p.P * info.outC * 4;
    gemm(ctx, { M: p.KK, N: info.outC, K: n * p.P, a: col, transA: true, b: dyOff, transB: false, c: dw.ptr, accumulate: b0 > 0 });
  });
  return result;
}
