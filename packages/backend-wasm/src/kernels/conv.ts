import type { Conv2DInfo, KernelSpecs, TensorInfo } from '@rectify/tensor';
import type { Context } from '../context.js';
import {
  implicitFilterGrad,
  implicitFilterGradApplies,
  implicitForward,
  implicitForwardApplies,
  implicitInputGrad,
  implicitInputGradApplies,
} from './conv-implicit.js';
import { CONV_PARALLEL_WORK, inFrame, windowFrame } from './frame.js';
import { gemm } from './matmul.js';

/** Up to this many input channels a convolution runs on the direct kernels (first layers: gray or RGB images). */
const DIRECT_MAX_IN_C = 4;

interface Plan {
  readonly P: number;
  readonly KK: number;
  /** 1×1, stride 1, no padding: x already is the column matrix. */
  readonly pointwise: boolean;
  /** Few input channels: the direct kernels (assembly/conv-direct.ts) beat im2col + GEMM, whose K is tiny. */
  readonly direct: boolean;
  readonly inImage: number;
}

function plan(info: Conv2DInfo): Plan {
  const P = info.outH * info.outW;
  const KK = info.kH * info.kW * info.inC;
  const pointwise =
    info.kH === 1 &&
    info.kW === 1 &&
    info.strideH === 1 &&
    info.strideW === 1 &&
    info.padTop === 0 &&
    info.padLeft === 0;
  const direct = !pointwise && info.inC <= DIRECT_MAX_IN_C && info.outC % 4 === 0;
  return { P, KK, pointwise, direct, inImage: info.inH * info.inW * info.inC };
}

/** The geometry slots of ConvArgs. */
function geometry(info: Conv2DInfo) {
  const { batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, dilationH, dilationW } = info;
  const { padTop, padLeft } = info;
  return { batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft };
}

/** Bytes of column tile per thread: a tile of rows × kH·kW·inC stays in a core's L2 beside the GEMM's packed blocks. */
const TILE_BYTES = 128 * 1024;

/** Filter-gradient partial sums: a fixed count, so the result does not depend on how many threads share the work. */
const FILTER_CHUNKS = 8;

/**
 * Runs one of the tiled convolution tasks (assembly/conv.ts): every thread gets GEMM packing scratch and a column
 * tile of `tile` rows, a multiple of the micro-kernel's four.
 */
function runTiled(
  ctx: Context,
  task: 'convForward' | 'convFilterGrad' | 'convInputGrad',
  info: Conv2DInfo,
  p: Plan,
  buffers: { x: number; w: number; y: number },
  chunks = 0,
): void {
  const tile = Math.max(4, Math.min(1024, Math.floor(TILE_BYTES / (4 * p.KK)) & ~3));
  const perThread = ctx.exports.gemmScratchBytes() + tile * p.KK * 4;
  const threads = Math.max(1, ctx.threads);
  const scratch = ctx.heap.scratch(perThread * threads);
  try {
    const params = { ...buffers, ...geometry(info), scratch, scratchStride: perThread, tile, chunks };
    ctx.run(task, params, info.batch * p.P * p.KK * info.outC >= CONV_PARALLEL_WORK);
  } finally {
    ctx.heap.freeScratch(scratch, perThread * threads);
  }
}

export function conv2d(
  ctx: Context,
  [x, filter]: KernelSpecs['conv2d']['inputs'],
  { info }: KernelSpecs['conv2d']['attrs'],
): TensorInfo {
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
  if (p.direct) {
    // In a zero frame every window is whole: the kernel's four-pixel path covers the border columns too.
    const frame = windowFrame(info);
    inFrame(ctx, xp, [info.batch, info.inH, info.inW, info.inC], frame, (x) => {
      const geo = { ...geometry(info), inH: frame.rows, inW: frame.cols, padTop: 0, padLeft: 0 };
      const params = { x, w, y: out.ptr, ...geo, scratch: 0, scratchStride: 0, tile: 0, chunks: 0 };
      ctx.run('convDirect', params, info.batch * p.P * p.KK * info.outC >= CONV_PARALLEL_WORK);
    });
    return result;
  }
  if (implicitForwardApplies(info)) {
    implicitForward(ctx, info, xp, w, out.ptr);
    return result;
  }
  runTiled(ctx, 'convForward', info, p, { x: xp, w, y: out.ptr });
  return result;
}

export function conv2dBackpropInput(
  ctx: Context,
  [dy, filter]: KernelSpecs['conv2dBackpropInput']['inputs'],
  { info }: KernelSpecs['conv2dBackpropInput']['attrs'],
): TensorInfo {
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
  if (implicitInputGradApplies(info)) {
    implicitInputGrad(ctx, info, g, w, dx.ptr);
    return result;
  }
  runTiled(ctx, 'convInputGrad', info, p, { x: dx.ptr, w, y: g });
  return result;
}

export function conv2dBackpropFilter(
  ctx: Context,
  [x, dy]: KernelSpecs['conv2dBackpropFilter']['inputs'],
  { info }: KernelSpecs['conv2dBackpropFilter']['attrs'],
): TensorInfo {
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
  const partialFloats = p.KK * info.outC;
  const partials = ctx.heap.scratch(FILTER_CHUNKS * partialFloats * 4);
  try {
    if (p.direct) {
      const params = { x: xp, w: partials, y: g, ...geometry(info), scratch: 0, scratchStride: 0, tile: 0 };
      ctx.run(
        'convDirectFilterGrad',
        { ...params, chunks: FILTER_CHUNKS },
        info.batch * p.P * p.KK * info.outC >= CONV_PARALLEL_WORK,
      );
    } else if (implicitFilterGradApplies(info)) {
      implicitFilterGrad(ctx, info, xp, g, partials, FILTER_CHUNKS);
    } else runTiled(ctx, 'convFilterGrad', info, p, { x: xp, w: partials, y: g }, FILTER_CHUNKS);
    // In chunk order, whatever thread computed each: the same bits on 1 thread or many.
    ctx.run('sumChunks', { dst: dw.ptr, src: partials, n: partialFloats, chunks: FILTER_CHUNKS }, false);
  } finally {
    ctx.heap.freeScratch(partials, FILTER_CHUNKS * partialFloats * 4);
  }
  return result;
}
