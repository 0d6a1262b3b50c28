import { ValueError, fmtShape } from '@rectify/tensor';

/** How many inputs feed each output unit (`fanIn`) and how many outputs each input feeds (`fanOut`). */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * The fans of a weight of `shape`, with the layouts Rectify layers use (the TensorFlow/Keras ones):
 * - rank 0: 1 and 1 (a scalar weight);
 * - rank 1 `[n]`: n and n (a bias or a scale vector);
 * - rank 2, a Dense kernel `[in, out]`: fanIn = in, fanOut = out;
 * - rank ≥ 3, a convolution kernel `[...spatial, in, out]` (Conv2D: `[kh, kw, in, out]`): each output sees the
 *   whole receptive field of every input channel, so fanIn = in × Π spatial and fanOut = out × Π spatial.
 *
 * PyTorch stores Dense weights as `[out, in]` and conv filters as `[out, in, kh, kw]`; its fans on those layouts
 * equal ours on the transposed ones.
 *
 * @example
 * computeFans([256, 128]);       // → { fanIn: 256, fanOut: 128 }
 * computeFans([3, 3, 64, 128]);  // → { fanIn: 576, fanOut: 1152 }
 */
export function computeFans(shape: readonly number[]): Fans {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ValueError(`computeFans: shape must be an array of non-negative integers, received ${fmtShape(shape)}`);
  }
  const rank = shape.length;
  if (rank === 0) return { fanIn: 1, fanOut: 1 };
  if (rank === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  let receptiveField = 1;
  for (const d of shape.slice(0, -2)) receptiveField *= d;
  return { fanIn: shape[rank - 2]! * receptiveField, fanOut: shape[rank - 1]! * receptiveField };
}
