import { ShapeError, ValueError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, tensor, toTensor } from '../ops/convert.js';
import { add, cast, mul, sub } from '../ops/elementwise.js';
import { gather } from '../ops/gather.js';
import { reshape } from '../ops/shape.js';

/** Where each output row (or column) samples the input, as TensorFlow.js's CPU kernels compute it. */
interface Axis {
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly frac: Float32Array;
  readonly nearest: Int32Array;
}

function sampleAxis(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean): Axis {
  const aligned = alignCorners && outSize > 1;
  const ratio = aligned ? (inSize - 1) / (outSize - 1) : inSize / outSize;
  const low = new Int32Array(outSize);
  const high = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  const nearest = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const src = halfPixelCenters ? ratio * (i + 0.5) - 0.5 : ratio * i;
    low[i] = Math.max(0, Math.floor(src));
    high[i] = Math.min(inSize - 1, Math.ceil(src));
    frac[i] = src - low[i]!;
    const at = halfPixelCenters ? ratio * (i + 0.5) : ratio * i;
    const n = Math.min(inSize - 1, alignCorners ? Math.round(at) : Math.floor(at));
    nearest[i] = halfPixelCenters ? Math.max(0, n) : n;
  }
  return { low, high, frac, nearest };
}

function checkArgs(op: string, images: TensorLike, size: readonly [number, number]): { x4: Tensor; batched: boolean } {
  const t = toTensor(images, 'images', op);
  if (t.rank !== 3 && t.rank !== 4)
    throw new ShapeError(`${op}: images must be rank 3 or 4, received shape ${fmtShape(t.shape)}`);
  if (!Array.isArray(size) || size.length !== 2 || size.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new ValueError(
      `${op}: size must be [newHeight, newWidth] of positive integers, received ${JSON.stringify(size)}`,
    );
  }
  return { x4: t.rank === 4 ? t : reshape(t, [1, ...t.shape]), batched: t.rank === 4 };
}

const idx = (a: Int32Array): Tensor => tensor(a, [a.length], 'int32');

/**
 * Bilinear resize of NHWC images (rank 4, or rank 3 for one image) to `size` = [newHeight, newWidth], as
 * TensorFlow.js's `image.resizeBilinear` (same sampling for `alignCorners` and `halfPixelCenters`). Built from
 * gathers and arithmetic, so it is differentiable with respect to the images.
 * @example image.resizeBilinear(tensor([[[0], [2]]]), [1, 4]) // → [[[0], [1], [2], [2]]]
 */
export function resizeBilinear(
  images: TensorLike,
  size: readonly [number, number],
  alignCorners = false,
  halfPixelCenters = false,
): Tensor {
  const { x4, batched } = checkArgs('resizeBilinear', images, size);
  const x = x4.dtype === 'float32' ? x4 : cast(x4, 'float32');
  const [, h, w] = x.shape as [number, number, number, number];
  const rows = sampleAxis(h, size[0], alignCorners, halfPixelCenters);
  const cols = sampleAxis(w, size[1], alignCorners, halfPixelCenters);
  // Columns first, then rows: the order TensorFlow.js's kernel interpolates in, so float32 rounding matches.
  const left = gather(x, idx(cols.low), 2);
  const across = add(left, mul(sub(gather(x, idx(cols.high), 2), left), tensor(cols.frac, [1, 1, size[1], 1])));
  const top = gather(across, idx(rows.low), 1);
  const y = add(top, mul(sub(gather(across, idx(rows.high), 1), top), tensor(rows.frac, [1, size[0], 1, 1])));
  return batched ? y : reshape(y, y.shape.slice(1));
}

/**
 * Nearest-neighbour resize of NHWC images to `size` = [newHeight, newWidth], keeping the dtype, as TensorFlow.js's
 * `image.resizeNearestNeighbor`. Differentiable (a gather).
 * @example image.resizeNearestNeighbor(tensor([[[1], [2]]]), [1, 4]) // → [[[1], [1], [2], [2]]]
 */
export function resizeNearestNeighbor(
  images: TensorLike,
  size: readonly [number, number],
  alignCorners = false,
  halfPixelCenters = false,
): Tensor {
  if (alignCorners && halfPixelCenters) {
    throw new ValueError('resizeNearestNeighbor: alignCorners and halfPixelCenters cannot both be true');
  }
  const { x4, batched } = checkArgs('resizeNearestNeighbor', images, size);
  const [, h, w] = x4.shape as [number, number, number, number];
  const rows = sampleAxis(h, size[0], alignCorners, halfPixelCenters);
  const cols = sampleAxis(w, size[1], alignCorners, halfPixelCenters);
  const y = gather(gather(x4, idx(rows.nearest), 1), idx(cols.nearest), 2);
  return batched ? y : reshape(y, y.shape.slice(1));
}
