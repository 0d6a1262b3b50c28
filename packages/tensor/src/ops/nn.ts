import { conv2dInfo, pool2dInfo, type PadMode } from '../conv-geometry.js';
import { engine } from '../engine.js';
import { ShapeError, ValueError, fmtShape } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { cast, exp, log, sub } from './elementwise.js';
import { stableShift, sum } from './reduce.js';
import { maskedSoftmax } from './masked-softmax.js';
import { reshape } from './shape.js';

type Pair = number | readonly [number, number];

function asBatch(op: string, x: Tensor): { x4: Tensor; batched: boolean } {
  if (x.rank === 4) return { x4: x, batched: true };
  if (x.rank === 3) return { x4: reshape(x, [1, ...x.shape]), batched: false };
  throw new ShapeError(
    `${op}: x must be rank 4 [batch, height, width, channels] or rank 3, received ${fmtShape(x.shape)}`,
  );
}

function checkFormat(op: string, dataFormat: string): void {
  if (dataFormat !== 'NHWC')
    throw new ValueError(`${op}: only dataFormat 'NHWC' is supported, received '${dataFormat}'`);
}

function float(t: Tensor): Tensor {
  return t.dtype === 'float32' ? t : cast(t, 'float32');
}

/**
 * 2-D convolution, NHWC, filter [height, width, inChannels, outChannels] (TensorFlow.js signature).
 * @example conv2d(ones([1, 5, 5, 1]), ones([3, 3, 1, 2]), 1, 'same').shape // → [1, 5, 5, 2]
 */
export function conv2d(
  x: TensorLike,
  filter: TensorLike,
  strides: Pair = 1,
  pad: PadMode = 'valid',
  dataFormat: 'NHWC' = 'NHWC',
  dilations: Pair = 1,
): Tensor {
  checkFormat('conv2d', dataFormat);
  const tx = toTensor(x, 'x', 'conv2d');
  const f = float(toTensor(filter, 'filter', 'conv2d'));
  const inC = tx.shape[tx.rank - 1];
  if (tx.rank >= 3 && f.rank === 4 && inC !== f.shape[2]) {
    // Checked here so that the message shows the shape the caller passed, not its batched view.
    throw new ShapeError(
      `conv2d: input channels differ: x ${fmtShape(tx.shape)} has ${inC}, filter ${fmtShape(f.shape)} expects ${f.shape[2]}`,
    );
  }
  const { x4, batched } = asBatch('conv2d', float(tx));
  const info = conv2dInfo(x4.shape, f.shape, strides, pad, dilations);
  const y = engine.runKernel('conv2d', [x4, f], { info });
  return batched ? y : reshape(y, y.shape.slice(1));
}

function pool(kind: 'maxPool' | 'avgPool') {
  return (x: TensorLike, filterSize: Pair, strides: Pair, pad: PadMode = 'valid'): Tensor => {
    const { x4, batched } = asBatch(kind, float(toTensor(x, 'x', kind)));
    const info = pool2dInfo(kind, x4.shape, filterSize, strides, pad);
    const y = engine.runKernel(kind, [x4], { info });
    return batched ? y : reshape(y, y.shape.slice(1));
  };
}

/** Max over each window (padding never wins). @example maxPool(tensor([1, 5, 3, 2], [1, 2, 2, 1]), 2, 2, 'valid') // → [[[[5]]]] */
export const maxPool = pool('maxPool');
/** Mean over each window's valid cells (padding not counted, as TensorFlow). @example avgPool(tensor([1, 5, 3, 3], [1, 2, 2, 1]), 2, 2, 'same') // → [[[[3]]]] */
export const avgPool = pool('avgPool');
/** Alias of {@link maxPool} (2-D pooling over NHWC images). @example maxPool2d(tensor([1, 5, 3, 2], [1, 2, 2, 1]), 2, 2) // → [[[[5]]]] */
export const maxPool2d = maxPool;
/** Alias of {@link avgPool}. @example avgPool2d(tensor([1, 5, 3, 3], [1, 2, 2, 1]), 2, 2) // → [[[[3]]]] */
export const avgPool2d = avgPool;

/**
 * log softmax along `axis`: x − logSumExp(x). Stable: finite for inputs of ±1e4 and beyond.
 * @example logSoftmax(tensor([1e4, 0])) // → [0, -1e4]
 */
export function logSoftmax(logits: TensorLike, axis = -1): Tensor {
  return logSoftmaxOf('logSoftmax', logits, axis);
}

function logSoftmaxOf(op: string, logits: TensorLike, axis: number): Tensor {
  const t = float(toTensor(logits, 'logits', op));
  const a = normalizeAxis(op, axis, t.rank);
  // (x − m) − log Σ e^(x−m): subtracting the max first is exact in float32 for the entries that matter, where
  // x − logSumExp(x) would lose the low digits of two large, nearly equal numbers.
  const shifted = sub(t, stableShift(t, [a]));
  return sub(shifted, log(sum(exp(shifted), a, true)));
}

/**
 * eˣ / Σ eˣ along `axis`, the max subtracted first so that nothing overflows. Along the last axis it is one kernel
 * (see {@link maskedSoftmax}); other axes are composed as exp(logSoftmax).
 * @example softmax(tensor([1e4, 0])) // → [1, 0]
 */
export function softmax(logits: TensorLike, axis = -1): Tensor {
  const t = toTensor(logits, 'logits', 'softmax');
  if (t.rank > 0 && normalizeAxis('softmax', axis, t.rank) === t.rank - 1) return maskedSoftmax(t);
  return exp(logSoftmaxOf('softmax', t, axis));
}
