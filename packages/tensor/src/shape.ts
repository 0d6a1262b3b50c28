import { ShapeError, ValueError, fmtShape } from './errors.js';

export type Shape = readonly number[];

/** Number of elements. @example sizeOf([2, 3]) // 6 */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides. @example stridesOf([2, 3, 4]) // [12, 4, 1] */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** @example shapesEqual([2, 3], [2, 3]) // → true */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** NumPy broadcasting: align from the right; each pair must match or one side must be 1. @example broadcastShapes('add', [2, 1], [3]) // [2, 3] */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast (axis ${i - rank}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides for reading a tensor of `shape` as if broadcast to `outShape` (0 on broadcast axes). */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  const out = new Array<number>(outShape.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[offset + i] = shape[i] === 1 ? 0 : own[i]!;
  return out;
}

/** Axes of `outShape` that `shape` was broadcast along — the axes a gradient must be summed over. @example broadcastedAxes([3], [2, 3]) // [0] */
export function broadcastedAxes(shape: Shape, outShape: Shape): number[] {
  const axes: number[] = [];
  const offset = outShape.length - shape.length;
  for (let i = 0; i < outShape.length; i++) {
    if (i < offset || (shape[i - offset] === 1 && outShape[i] !== 1)) axes.push(i);
  }
  return axes;
}

/** A possibly negative axis as an index in [0, rank); `op` names the caller in errors. @example normalizeAxis('sum', -1, 3) // 2 */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (rank === 0) throw new ValueError(`${op}: a scalar (rank 0) has no axis ${axis}`);
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(`${op}: axis must be an integer in [${-rank}, ${rank - 1}], received ${axis}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves `axis` (undefined = all axes) into a sorted, unique list of non-negative axes. @example normalizeAxes('sum', [-1, 0], 3) // [0, 2] */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined | null, rank: number): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(op, a, rank));
  const unique = [...new Set(out)].sort((x, y) => x - y);
  if (unique.length !== out.length) throw new ValueError(`${op}: axes must be unique, received [${list.join(',')}]`);
  return unique;
}

/** Throws a ValueError naming `op` unless `shape` holds non-negative integers. @example assertValidShape('zeros', [2, 3]); */
export function assertValidShape(op: string, shape: Shape): void {
  if (!Array.isArray(shape))
    throw new ValueError(`${op}: shape must be an array of non-negative integers, received ${String(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ValueError(`${op}: shape must hold non-negative integers, received ${fmtShape(shape)}`);
    }
  }
}

/** The shape left after reducing `axes`, with size-1 axes kept in place when `keepDims`. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepDims) out.push(1);
    } else out.push(shape[i]!);
  }
  return out;
}
