// The implicit-GEMM convolution (assembly/conv-implicit.ts): which convolutions and input gradients take it, and
// the input padding and filter flip it needs. It reads the receptive fields from the (padded) input in place,
// where the tiled kernels write each tile of im2col's column matrix and read it back.
import type { Conv2DInfo } from '@rectify/tensor';
import type { Context } from '../context.js';
import { CONV_PARALLEL_WORK, inFrame, windowFrame } from './frame.js';

/** Largest packed filter (each thread packs its own): larger ones take the tiled im2col kernels. */
const MAX_FILTER_BYTES = 256 * 1024;
/**
 * Shortest run of a kernel row (kW·inC floats): each run is one micro-kernel call, whose load and store of the
 * output tile a short run would not amortise.
 */
const MIN_RUN = 32;
/** Output rows per claimed unit. */
const TILE_ROWS = 64;

/** A problem for the task: the padded input's size, no padding left to apply, no dilation along the width. */
type PaddedConv = Omit<Conv2DInfo, 'dilationW' | 'padTop' | 'padLeft'>;

/** Bytes of a filter of `depth` rows and `n` columns packed in 8-column panels. */
const packedBytes = (depth: number, n: number) => depth * Math.ceil(n / 8) * 8 * 4;

/** Whether the kernel takes a filter of `depth` = kH·kW·inC rows, kW·inC per kernel row, and `n` columns. */
function fits(depth: number, run: number, n: number): boolean {
  return run >= MIN_RUN && packedBytes(depth, n) <= MAX_FILTER_BYTES;
}

/** Whether a convolution's forward takes the implicit-GEMM kernel (any stride; dilation along the height only). */
export function implicitForwardApplies(info: Conv2DInfo): boolean {
  return info.dilationW === 1 && fits(info.kH * info.kW * info.inC, info.kW * info.inC, info.outC);
}

/** The input gradient as a forward problem: dy padded by k − 1 − pad, into a [inH + kH − 1, inW + kW − 1] frame. */
function inputGradGeometry(info: Conv2DInfo) {
  const { inH, inW, kH, kW, padTop, padLeft } = info;
  return { top: kH - 1 - padTop, left: kW - 1 - padLeft, h: inH + kH - 1, wd: inW + kW - 1 };
}

/**
 * Whether a convolution's input gradient takes the implicit-GEMM kernel: stride 1, no dilation, padding under the
 * kernel's size, and few wasted columns in the last 8-column panel (im2col's GEMM, whose columns are kH·kW·inC
 * there, wastes none).
 */
export function implicitInputGradApplies(info: Conv2DInfo): boolean {
  const { inC, outH, outW, outC, kH, kW } = info;
  const { top, left, h, wd } = inputGradGeometry(info);
  return (
    info.strideH === 1 &&
    info.strideW === 1 &&
    info.dilationH === 1 &&
    info.dilationW === 1 &&
    top >= 0 &&
    left >= 0 &&
    top + outH <= h &&
    left + outW <= wd &&
    fits(kH * kW * outC, kW * outC, inC) &&
    Math.ceil(inC / 8) * 8 <= 1.15 * inC
  );
}

/**
 * Runs the task on `x` [batch, h, wd, inC] placed at row `top`, column `left` of the padded frame with filter `w`
 * [kH·kW·inC, outC] into `y`.
 */
function run(
  ctx: Context,
  conv: PaddedConv,
  x: number,
  frame: { top: number; left: number; h: number; wd: number },
  w: number,
  y: number,
): void {
  const { batch, inH, inW, inC, outC, kH, kW } = conv;
  // Each thread's scratch: its packed filter, then the micro-kernel's 4×8 edge tile.
  const perThread = Math.ceil((packedBytes(kH * kW * inC, outC) + 128) / 64) * 64;
  const threads = Math.max(1, ctx.threads);
  const scratch = ctx.heap.scratch(perThread * threads);
  try {
    const placement = { top: frame.top, left: frame.left, rows: inH, cols: inW };
    inFrame(ctx, x, [batch, frame.h, frame.wd, inC], placement, (xp) => {
      const params = { ...conv, x: xp, w, y, padTop: 0, padLeft: 0, dilationW: 1, tile: TILE_ROWS, chunks: 0 };
      const work = batch * conv.outH * conv.outW * kH * kW * inC * outC;
      ctx.run('convImplicit', { ...params, scratch, scratchStride: perThread }, work >= CONV_PARALLEL_WORK);
    });
  } finally {
    ctx.heap.freeScratch(scratch, perThread * threads);
  }
}

/** The forward, `y` = conv(x, w), of a convolution that `implicitForwardApplies` to. */
export function implicitForward(ctx: Context, info: Conv2DInfo, x: number, w: number, y: number): void {
  const { batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, dilationH } = info;
  const frame = windowFrame(info);
  const conv = { batch, inH: frame.rows, inW: frame.cols, inC, outH, outW, outC, kH, kW, strideH, strideW, dilationH };
  run(ctx, conv, x, { top: frame.top, left: frame.left, h: inH, wd: inW }, w, y);
}

/**
 * Whether a convolution's filter gradient takes the implicit-GEMM kernel: no dilation along the width and kernel rows
 * of whole groups of four floats (kW·inC a multiple of 4), so four window columns are one load.
 */
export function implicitFilterGradApplies(info: Conv2DInfo): boolean {
  return info.dilationW === 1 && (info.kW * info.inC) % 4 === 0;
}

/** Floats of packed windows per thread: `tile` rows × kH·kW·inC stay in L2. */
const FILTER_TILE_FLOATS = 1 << 17;

/**
 * The filter gradient of a convolution that `implicitFilterGradApplies` to, as `chunks` partial sums at `partials`
 * (the caller sums them in order).
 */
export function implicitFilterGrad(
  ctx: Context,
  info: Conv2DInfo,
  x: number,
  dy: number,
  partials: number,
  chunks: number,
): void {
  const { batch, inH, inW, inC, outH, outW, outC, kH, kW } = info;
  const KK = kH * kW * inC;
  const tile = Math.max(4, Math.min(256, Math.floor(FILTER_TILE_FLOATS / KK)));
  const perThread = Math.ceil((KK * tile * 4 + tile * Math.ceil(outC / 8) * 8 * 4 + 128 + tile * 4) / 64) * 64;
  const threads = Math.max(1, ctx.threads);
  const scratch = ctx.heap.scratch(perThread * threads);
  try {
    const frame = windowFrame(info);
    inFrame(ctx, x, [batch, inH, inW, inC], frame, (xp) => {
      const geometry = { ...info, inH: frame.rows, inW: frame.cols, padTop: 0, padLeft: 0 };
      const params = { ...geometry, x: xp, w: partials, y: dy, tile, chunks, scratch, scratchStride: perThread };
      ctx.run('convImplicitFilterGrad', params, batch * outH * outW * KK * outC >= CONV_PARALLEL_WORK);
    });
  } finally {
    ctx.heap.freeScratch(scratch, perThread * threads);
  }
}

/**
 * The input gradient of a convolution that `implicitInputGradApplies` to. With stride 1 and no dilation it is itself
 * a convolution: dy, padded by k − 1 − pad, with the filter flipped in space and its channel axes swapped.
 */
export function implicitInputGrad(ctx: Context, info: Conv2DInfo, dy: number, w: number, dx: number): void {
  const { batch, inH, inW, inC, outH, outW, outC, kH, kW } = info;
  const { top, left, h, wd } = inputGradGeometry(info);
  const flippedBytes = kH * kW * outC * inC * 4;
  const flipped = ctx.heap.scratch(flippedBytes);
  try {
    const f = ctx.heap.f32;
    const [src, dst] = [w >>> 2, flipped >>> 2];
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        const from = src + (kh * kW + kw) * inC * outC;
        const to = dst + ((kH - 1 - kh) * kW + (kW - 1 - kw)) * outC * inC;
        for (let ci = 0; ci < inC; ci++)
          for (let co = 0; co < outC; co++) f[to + co * inC + ci] = f[from + ci * outC + co]!;
      }
    }
    const conv = {
      batch,
      inH: h,
      inW: wd,
      inC: outC,
      outH: inH,
      outW: inW,
      outC: inC,
      kH,
      kW,
      strideH: 1,
      strideW: 1,
      dilationH: 1,
    };
    run(ctx, conv, dy, { top, left, h: outH, wd: outW }, flipped, dx);
  } finally {
    ctx.heap.freeScratch(flipped, flippedBytes);
  }
}
