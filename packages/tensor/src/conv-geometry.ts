import { ShapeError, ValueError, fmtShape } from './errors.js';
import type { Shape } from './shape.js';

export type PadMode = 'same' | 'valid' | number;

/** Every number a conv2d kernel needs, resolved once by the op so that no backend repeats the geometry. */
export interface Conv2DInfo {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

export interface Pool2DInfo {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** A number or a [height, width] pair as a validated pair of positive integers. @example pair('conv2d', 'strides', 2) // [2, 2] */
export function pair(op: string, name: string, v: number | readonly [number, number]): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new ValueError(`${op}: ${name} must be a positive integer or a pair of them, received ${JSON.stringify(v)}`);
  }
  return p;
}

/** Output size and leading padding along one axis, following TensorFlow's `same`/`valid` rules. */
function axisGeometry(op: string, inSize: number, k: number, stride: number, dilation: number, pad: PadMode) {
  const effK = (k - 1) * dilation + 1;
  if (pad === 'same') {
    const out = Math.ceil(inSize / stride);
    const total = Math.max(0, (out - 1) * stride + effK - inSize);
    return { out, before: Math.floor(total / 2) };
  }
  if (pad === 'valid') return { out: Math.max(0, Math.floor((inSize - effK) / stride) + 1), before: 0 };
  if (!Number.isInteger(pad) || pad < 0) {
    throw new ValueError(`${op}: pad must be 'same', 'valid' or a non-negative integer, received ${String(pad)}`);
  }
  return { out: Math.max(0, Math.floor((inSize + 2 * pad - effK) / stride) + 1), before: pad };
}

function assertPad(op: string, pad: unknown): asserts pad is PadMode {
  if (pad !== 'same' && pad !== 'valid' && typeof pad !== 'number') {
    throw new ValueError(
      `${op}: pad must be 'same', 'valid' or a non-negative integer, received ${JSON.stringify(pad)}`,
    );
  }
}

/**
 * Validates a convolution and resolves its geometry (output size, leading padding) once, for every backend.
 * @example conv2dInfo([1, 28, 28, 1], [5, 5, 1, 8], 1, 'same').outH // → 28
 */
export function conv2dInfo(
  xShape: Shape,
  filterShape: Shape,
  strides: number | readonly [number, number],
  pad: PadMode,
  dilations: number | readonly [number, number] = 1,
): Conv2DInfo {
  const op = 'conv2d';
  if (xShape.length !== 4)
    throw new ShapeError(`${op}: x must be rank 4 [batch, height, width, channels], received ${fmtShape(xShape)}`);
  if (filterShape.length !== 4) {
    throw new ShapeError(
      `${op}: filter must be rank 4 [height, width, inChannels, outChannels], received ${fmtShape(filterShape)}`,
    );
  }
  const [batch, inH, inW, inC] = xShape as [number, number, number, number];
  const [kH, kW, fIn, outC] = filterShape as [number, number, number, number];
  if (fIn !== inC) {
    throw new ShapeError(
      `${op}: input channels differ: x ${fmtShape(xShape)} has ${inC}, filter ${fmtShape(filterShape)} expects ${fIn}`,
    );
  }
  assertPad(op, pad);
  const [strideH, strideW] = pair(op, 'strides', strides);
  const [dilationH, dilationW] = pair(op, 'dilations', dilations);
  if ((strideH > 1 || strideW > 1) && (dilationH > 1 || dilationW > 1)) {
    throw new ValueError(
      `${op}: strides > 1 cannot be combined with dilations > 1 (as in TensorFlow), received strides ${strideH},${strideW} and dilations ${dilationH},${dilationW}`,
    );
  }
  const h = axisGeometry(op, inH, kH, strideH, dilationH, pad);
  const w = axisGeometry(op, inW, kW, strideW, dilationW, pad);
  return {
    batch,
    inH,
    inW,
    inC,
    outH: h.out,
    outW: w.out,
    outC,
    kH,
    kW,
    strideH,
    strideW,
    dilationH,
    dilationW,
    padTop: h.before,
    padLeft: w.before,
  };
}

/**
 * Validates a pooling window and resolves its geometry; `op` names the caller in error messages.
 * @example pool2dInfo('maxPool', [1, 4, 4, 1], 2, 2, 'valid').outH // → 2
 */
export function pool2dInfo(
  op: string,
  xShape: Shape,
  filterSize: number | readonly [number, number],
  strides: number | readonly [number, number],
  pad: PadMode,
): Pool2DInfo {
  if (xShape.length !== 4)
    throw new ShapeError(`${op}: x must be rank 4 [batch, height, width, channels], received ${fmtShape(xShape)}`);
  assertPad(op, pad);
  const [batch, inH, inW, channels] = xShape as [number, number, number, number];
  const [kH, kW] = pair(op, 'filterSize', filterSize);
  const [strideH, strideW] = pair(op, 'strides', strides);
  const h = axisGeometry(op, inH, kH, strideH, 1, pad);
  const w = axisGeometry(op, inW, kW, strideW, 1, pad);
  return {
    batch,
    inH,
    inW,
    channels,
    outH: h.out,
    outW: w.out,
    kH,
    kW,
    strideH,
    strideW,
    padTop: h.before,
    padLeft: w.before,
  };
}
