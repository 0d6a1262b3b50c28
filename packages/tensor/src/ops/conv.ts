import { conv2dInfo, type PadMode } from '../conv-geometry.js';
import { engine } from '../engine.js';
import { ShapeError, ValueError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { add, cast, mul } from './elementwise.js';
import { zeros } from './creation.js';
import { concat, pad as padOp, slice } from './join.js';
import { conv2d } from './nn.js';
import { reshape } from './shape.js';

type Pair = number | readonly [number, number];

function float4(op: string, name: string, v: TensorLike): Tensor {
  const t = toTensor(v, name, op);
  if (t.rank !== 4) throw new ShapeError(`${op}: ${name} must be rank 4, received ${fmtShape(t.shape)}`);
  return t.dtype === 'float32' ? t : cast(t, 'float32');
}

/**
 * Transposed convolution (the gradient of conv2d with respect to its input), NHWC; filter
 * `[height, width, outChannels, inChannels]` and the output shape as TensorFlow.js' `conv2dTranspose`.
 * @example conv2dTranspose(ones([1, 4, 4, 2]), ones([3, 3, 3, 2]), [1, 8, 8, 3], 2, 'same').shape // → [1, 8, 8, 3]
 */
export function conv2dTranspose(
  x: TensorLike,
  filter: TensorLike,
  outputShape: readonly number[],
  strides: Pair,
  pad: PadMode = 'valid',
): Tensor {
  const op = 'conv2dTranspose';
  const tx = float4(op, 'x', x);
  const f = float4(op, 'filter', filter);
  if (outputShape.length !== 4 || outputShape[0] !== tx.shape[0] || outputShape[3] !== f.shape[2]) {
    throw new ShapeError(
      `${op}: outputShape must be [${tx.shape[0]}, height, width, ${f.shape[2]}], received ${fmtShape(outputShape)}`,
    );
  }
  if (tx.shape[3] !== f.shape[3]) {
    throw new ShapeError(
      `${op}: input channels differ: x ${fmtShape(tx.shape)} has ${tx.shape[3]}, filter ${fmtShape(f.shape)} expects ${f.shape[3]}`,
    );
  }
  const info = conv2dInfo(outputShape, f.shape, strides, pad);
  if (info.outH !== tx.shape[1] || info.outW !== tx.shape[2]) {
    throw new ShapeError(
      `${op}: outputShape ${fmtShape(outputShape)} does not convolve back to x ${fmtShape(tx.shape)} with these strides and padding`,
    );
  }
  return engine.runKernel('conv2dBackpropInput', [tx, f], { info });
}

/**
 * Depthwise 2-D convolution, NHWC: each input channel is convolved with its own `multiplier` filters, filter
 * `[height, width, inChannels, multiplier]`, output channel `c·multiplier + j` (TensorFlow's order). Composed of
 * one shifted slice and product per filter tap — work proportional to the output, no dense block-diagonal kernel.
 * @example depthwiseConv2d(ones([1, 5, 5, 2]), ones([3, 3, 2, 4]), 1, 'same').shape // → [1, 5, 5, 8]
 */
export function depthwiseConv2d(
  x: TensorLike,
  filter: TensorLike,
  strides: Pair = 1,
  pad: PadMode = 'valid',
  dilations: Pair = 1,
): Tensor {
  const op = 'depthwiseConv2d';
  const tx = float4(op, 'x', x);
  const f = float4(op, 'filter', filter);
  const [n, h, w, c] = tx.shape as [number, number, number, number];
  const [kh, kw, fc, m] = f.shape as [number, number, number, number];
  if (fc !== c)
    throw new ShapeError(
      `${op}: input channels differ: x ${fmtShape(tx.shape)} has ${c}, filter ${fmtShape(f.shape)} expects ${fc}`,
    );
  const info = conv2dInfo(tx.shape, [kh, kw, c, c * m], strides, pad, dilations);
  const { outH, outW, strideH: sh, strideW: sw, dilationH: dh, dilationW: dw } = info;
  if (outH === 0 || outW === 0) return zeros([n, outH, outW, c * m]);
  // Padded so that every tap can take a window of outH·sh rows (the rows past the last used one are never read).
  const bottom = Math.max(0, (kh - 1) * dh + outH * sh - info.padTop - h);
  const right = Math.max(0, (kw - 1) * dw + outW * sw - info.padLeft - w);
  const xp = padOp(tx, [
    [0, 0],
    [info.padTop, bottom],
    [info.padLeft, right],
    [0, 0],
  ]);
  const taps = reshape(f, [kh, kw, 1, c, m]);
  let acc: Tensor | undefined;
  for (let u = 0; u < kh; u++) {
    for (let v = 0; v < kw; v++) {
      let win = slice(xp, [0, u * dh, v * dw, 0], [n, outH * sh, outW * sw, c]);
      if (sh > 1 || sw > 1)
        win = slice(reshape(win, [n, outH, sh, outW, sw, c]), [0, 0, 0, 0, 0, 0], [n, outH, 1, outW, 1, c]);
      const tap = reshape(slice(taps, [u, v, 0, 0, 0], [1, 1, 1, c, m]), [c, m]);
      const term = mul(reshape(win, [n, outH, outW, c, 1]), tap);
      acc = acc ? add(acc, term) : term;
    }
  }
  return reshape(acc!, [n, outH, outW, c * m]);
}

/**
 * Grouped 2-D convolution: channels split into `groups` equal parts, each convolved with its own slice of the
 * filters (`[height, width, inChannels / groups, outChannels]`), the results concatenated.
 * @example groupedConv2d(ones([1, 5, 5, 4]), ones([3, 3, 2, 6]), 2, 1, 'same').shape // → [1, 5, 5, 6]
 */
export function groupedConv2d(
  x: TensorLike,
  filter: TensorLike,
  groups: number,
  strides: Pair = 1,
  pad: PadMode = 'valid',
  dilations: Pair = 1,
): Tensor {
  const op = 'groupedConv2d';
  const tx = float4(op, 'x', x);
  const f = float4(op, 'filter', filter);
  const c = tx.shape[3]!;
  const out = f.shape[3]!;
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0 || out % groups !== 0 || f.shape[2] !== c / groups) {
    throw new ValueError(
      `${op}: groups must divide the input channels (${c}) and the filters (${out}), with filter ${fmtShape(f.shape)} holding inChannels / groups; received groups ${String(groups)}`,
    );
  }
  if (groups === 1) return conv2d(tx, f, strides, pad, 'NHWC', dilations);
  const ci = c / groups;
  const co = out / groups;
  const [n, h, w] = tx.shape as [number, number, number];
  const [kh, kw] = f.shape as [number, number];
  const parts = Array.from({ length: groups }, (_, g) =>
    conv2d(
      slice(tx, [0, 0, 0, g * ci], [n, h, w, ci]),
      slice(f, [0, 0, 0, g * co], [kh, kw, ci, co]),
      strides,
      pad,
      'NHWC',
      dilations,
    ),
  );
  return concat(parts, 3);
}
