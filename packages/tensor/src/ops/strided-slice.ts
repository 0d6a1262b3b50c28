import { ValueError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, tensor, toTensor } from './convert.js';
import { gather } from './gather.js';
import { slice } from './join.js';
import { reshape } from './shape.js';

const NEW_AXIS = -1;
const SHRINK_AXIS = -2;

interface DenseAxis {
  begin: number;
  end: number;
  stride: number;
  beginMasked: boolean;
  endMasked: boolean;
  shrink: boolean;
}

const bit = (mask: number, i: number): boolean => ((mask >> i) & 1) === 1;

/**
 * Expands the sparse spec (with its ellipsis and new axes) into one entry per axis of `x`, and records how the
 * output shape is read off them — TensorFlow's BuildDenseSpec.
 */
function denseSpec(
  rank: number,
  begin: readonly number[],
  end: readonly number[],
  strides: readonly number[],
  masks: {
    beginMask: number;
    endMask: number;
    ellipsisMask: number;
    newAxisMask: number;
    shrinkAxisMask: number;
  },
): { axes: DenseAxis[]; gatherShape: number[] } {
  let { ellipsisMask } = masks;
  let dims = begin.length;
  if ((ellipsisMask & (ellipsisMask - 1)) !== 0)
    throw new ValueError(`stridedSlice: only one ellipsis is allowed, received ellipsisMask ${ellipsisMask}`);
  // Without an ellipsis there is an implicit one at the end.
  if (ellipsisMask === 0) {
    ellipsisMask = 1 << dims;
    dims++;
  }
  let newAfterEllipsis = 0;
  for (let i = Math.log2(ellipsisMask) + 1; i < dims; i++) if (bit(masks.newAxisMask, i)) newAfterEllipsis++;
  const axes: DenseAxis[] = [];
  const gatherShape: number[] = [];
  for (let i = 0; i < dims; i++) {
    if (bit(ellipsisMask, i)) {
      const until = Math.min(rank - (dims - i) + 1 + newAfterEllipsis, rank);
      while (axes.length < until) {
        gatherShape.push(axes.length);
        axes.push({ begin: 0, end: 0, stride: 1, beginMasked: true, endMasked: true, shrink: false });
      }
    } else if (bit(masks.newAxisMask, i)) {
      gatherShape.push(NEW_AXIS);
    } else {
      if (axes.length >= rank)
        throw new ValueError(`stridedSlice: the spec indexes more axes than x has (rank ${rank})`);
      const shrink = bit(masks.shrinkAxisMask, i);
      gatherShape.push(shrink ? SHRINK_AXIS : axes.length);
      axes.push({
        begin: begin[i] ?? 0,
        end: end[i] ?? 0,
        stride: strides[i] ?? 1,
        beginMasked: bit(masks.beginMask, i),
        endMasked: bit(masks.endMask, i),
        shrink,
      });
    }
  }
  return { axes, gatherShape };
}

/**
 * NumPy-style strided slicing with TensorFlow.js's `stridedSlice` signature: `begin`/`end`/`strides` per axis
 * (negative indices count from the end, negative strides walk backwards), and bit masks — `beginMask`/`endMask`
 * (bit i: ignore begin[i]/end[i], take the whole range), `ellipsisMask` (entry i stands for all remaining axes),
 * `newAxisMask` (insert a size-1 axis), `shrinkAxisMask` (take the single index begin[i] and drop the axis).
 * Built from slice and gather, so it is differentiable.
 * @example stridedSlice(tensor([0, 1, 2, 3, 4, 5]), [1], [6], [2]) // → [1, 3, 5]
 * @example stridedSlice(tensor([[1, 2], [3, 4]]), [0, -1], [2, 0], [1, -1], 0, 0, 0, 0, 2) // → [2, 4]
 */
export function stridedSlice(
  x: TensorLike,
  begin: readonly number[],
  end: readonly number[],
  strides?: readonly number[],
  beginMask = 0,
  endMask = 0,
  ellipsisMask = 0,
  newAxisMask = 0,
  shrinkAxisMask = 0,
): Tensor {
  const t = toTensor(x, 'x', 'stridedSlice');
  const s = strides ?? begin.map(() => 1);
  if (begin.length !== end.length || begin.length !== s.length) {
    throw new ValueError(
      `stridedSlice: begin, end and strides must have the same length, received ${begin.length}, ${end.length} and ${s.length}`,
    );
  }
  const { axes, gatherShape } = denseSpec(t.rank, begin, end, s, {
    beginMask,
    endMask,
    ellipsisMask,
    newAxisMask,
    shrinkAxisMask,
  });
  let out = t;
  const sizes = axes.map((a, i) => {
    const d = t.shape[i]!;
    if (a.stride === 0 || !Number.isInteger(a.stride))
      throw new ValueError(`stridedSlice: strides must be non-zero integers, received ${a.stride} for axis ${i}`);
    if (a.shrink) {
      const b = a.begin < 0 ? a.begin + d : a.begin;
      if (b < 0 || b >= d)
        throw new ValueError(
          `stridedSlice: index ${a.begin} is out of range for axis ${i} of shape ${fmtShape(t.shape)}`,
        );
      out = slice(
        out,
        t.shape.map((_, j) => (j === i ? b : 0)),
        out.shape.map((dj, j) => (j === i ? 1 : dj)),
      );
      return 1;
    }
    const up = a.stride > 0;
    const canonical = (v: number, masked: boolean, isBegin: boolean): number => {
      if (masked) return isBegin ? (up ? 0 : d - 1) : up ? d : -1;
      const w = v < 0 ? v + d : v;
      return up ? Math.min(Math.max(w, 0), d) : Math.min(Math.max(w, -1), d - 1);
    };
    const b = canonical(a.begin, a.beginMasked, true);
    const e = canonical(a.end, a.endMasked, false);
    const n = Math.max(0, Math.ceil((e - b) / a.stride));
    if (n === d && a.stride === 1) return n;
    if (a.stride === 1) {
      out = slice(
        out,
        out.shape.map((_, j) => (j === i ? b : 0)),
        out.shape.map((dj, j) => (j === i ? n : dj)),
      );
    } else {
      const idx = Int32Array.from({ length: n }, (_, k) => b + k * a.stride);
      out = gather(out, tensor(idx, [n], 'int32'), i);
    }
    return n;
  });
  const shape = gatherShape.flatMap((g) => (g === NEW_AXIS ? [1] : g === SHRINK_AXIS ? [] : [sizes[g]!]));
  return reshape(out, shape);
}
