import type { Conv2DInfo } from '@rectify/tensor';
import type { Context } from '../context.js';

/** Window and im2col work does index arithmetic per element, so convolutions split from 2¹⁶ multiply-adds. */
export const CONV_PARALLEL_WORK = 1 << 16;

/** Bytes of padded frames from which the padding is shared between threads. */
const PARALLEL_PAD_BYTES = 1 << 20;

/** Zero padding around images: `top` rows and `left` columns before each image, in a frame `rows` × `cols`. */
export interface Frame {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Runs `fn` on the images `x` [batch, h, w, channels] in zeroed frames (scratch, padded by the `padImages` task), or
 * on x itself when the frame adds nothing: convolution kernels then read every window without bounds checks.
 */
export function inFrame(
  ctx: Context,
  x: number,
  dims: readonly number[],
  frame: Frame,
  fn: (xp: number) => void,
): void {
  const [batch, h, w, channels] = dims as [number, number, number, number];
  const { top, left, rows, cols } = frame;
  if (top === 0 && left === 0 && rows === h && cols === w) {
    fn(x);
    return;
  }
  const bytes = batch * rows * cols * channels * 4;
  const xp = ctx.heap.scratch(bytes);
  try {
    const images = { src: x, dst: xp, images: batch, rows: h, rowFloats: w * channels };
    const placement = { frameRows: rows, frameFloats: cols * channels, top, left: left * channels };
    ctx.run('padImages', { ...images, ...placement }, bytes >= PARALLEL_PAD_BYTES);
    fn(xp);
  } finally {
    ctx.heap.freeScratch(xp, bytes);
  }
}

/** The zero frame around the input that holds every window of the convolution whole. */
export function windowFrame(info: Conv2DInfo): Frame {
  const { inH, inW, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = info;
  const rows = Math.max(inH + padTop, (outH - 1) * strideH + (kH - 1) * dilationH + 1);
  const cols = Math.max(inW + padLeft, (outW - 1) * strideW + (kW - 1) * dilationW + 1);
  return { top: padTop, left: padLeft, rows, cols };
}
