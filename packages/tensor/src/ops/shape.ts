import type { DType } from '../dtype.js';
import { engine } from '../engine.js';
import { DTypeError, ShapeError, ValueError, fmtShape } from '../errors.js';
import { assertValidShape, normalizeAxes, normalizeAxis, shapesEqual, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { arange } from './creation.js';
import { cast, equal, where } from './elementwise.js';

/**
 * Same values under a new shape; one dimension may be −1 (inferred). No copy.
 * @example reshape(arange(6), [2, -1]) // shape [2, 3]
 */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'reshape');
  const inferred = shape.filter((d) => d === -1).length;
  if (inferred > 1) throw new ValueError(`reshape: only one dimension may be -1, received ${fmtShape(shape)}`);
  let target = [...shape];
  if (inferred) {
    const known = sizeOf(shape.filter((d) => d !== -1));
    if (known === 0 || t.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${fmtShape(t.shape)} (size ${t.size}) into ${fmtShape(shape)}`);
    }
    target = shape.map((d) => (d === -1 ? t.size / known : d));
  }
  assertValidShape('reshape', target);
  if (sizeOf(target) !== t.size) {
    throw new ShapeError(`reshape: cannot reshape ${fmtShape(t.shape)} (size ${t.size}) into ${fmtShape(shape)} (size ${sizeOf(target)})`);
  }
  return engine.view('reshape', t, target);
}

/** Permutes axes (reverses them by default). @example transpose(x, [1, 0]) */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'transpose');
  const p = perm ?? t.shape.map((_, i) => t.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== t.rank || sorted.some((v, i) => v !== i)) {
    throw new ValueError(`transpose: perm must be a permutation of [0..${t.rank - 1}], received [${p.join(',')}] for shape ${fmtShape(t.shape)}`);
  }
  if (p.every((v, i) => v === i)) return engine.view('identity', t, t.shape);
  return engine.runKernel('transpose', [t], { perm: p });
}

/** Removes size-1 axes (all of them, or those listed). @example squeeze(zeros([1, 3, 1])) // shape [3] */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'squeeze');
  const axes = axis === undefined ? t.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes('squeeze', axis, t.rank);
  for (const a of axes) {
    if (t.shape[a] !== 1) throw new ShapeError(`squeeze: axis ${a} of ${fmtShape(t.shape)} has size ${t.shape[a]}, expected 1`);
  }
  return reshape(t, t.shape.filter((_, i) => !axes.includes(i)));
}

/** Inserts a size-1 axis at `axis`. @example expandDims(tensor([1, 2]), 1) // shape [2, 1] */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  const t = toTensor(x, 'x', 'expandDims');
  const a = normalizeAxis('expandDims', axis, t.rank + 1);
  const shape = [...t.shape];
  shape.splice(a, 0, 1);
  return reshape(t, shape);
}

/** Joins tensors along an existing axis. @example concat([a, b], 0) */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('concat: expected at least one tensor, received an empty list');
  const ts = tensors.map((x, i) => toTensor(x, `tensors[${i}]`, 'concat'));
  const first = ts[0]!;
  const a = normalizeAxis('concat', axis, first.rank);
  ts.forEach((t, i) => {
    if (t.rank !== first.rank || t.shape.some((d, j) => j !== a && d !== first.shape[j])) {
      throw new ShapeError(`concat: tensors[${i}] has shape ${fmtShape(t.shape)}, incompatible with ${fmtShape(first.shape)} along axis ${a}`);
    }
    if (t.dtype !== first.dtype) throw new DTypeError(`concat: tensors[${i}] has dtype ${t.dtype}, expected ${first.dtype}`);
  });
  if (ts.length === 1) return engine.view('identity', first, first.shape);
  return engine.runKernel('concat', ts, { axis: a });
}

/** Joins tensors along a new axis. @example stack([a, b], 0) */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('stack: expected at least one tensor, received an empty list');
  const ts = tensors.map((x, i) => toTensor(x, `tensors[${i}]`, 'stack'));
  ts.forEach((t, i) => {
    if (!shapesEqual(t.shape, ts[0]!.shape)) {
      throw new ShapeError(`stack: tensors[${i}] has shape ${fmtShape(t.shape)}, expected ${fmtShape(ts[0]!.shape)}`);
    }
  });
  const a = normalizeAxis('stack', axis, ts[0]!.rank + 1);
  return concat(ts.map((t) => expandDims(t, a)), a);
}

/**
 * A block of `x` starting at `begin` with extent `size` (−1 = to the end).
 * @example slice(tensor([1, 2, 3, 4]), [1], [2]) // [2, 3]
 */
export function slice(x: TensorLike, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'slice');
  const b = typeof begin === 'number' ? [begin] : [...begin];
  const s = size === undefined ? [] : typeof size === 'number' ? [size] : [...size];
  const fullBegin = t.shape.map((_, i) => b[i] ?? 0);
  const fullSize = t.shape.map((d, i) => (s[i] === undefined || s[i] === -1 ? d - fullBegin[i]! : s[i]!));
  for (let i = 0; i < t.rank; i++) {
    const bi = fullBegin[i]!;
    const si = fullSize[i]!;
    if (!Number.isInteger(bi) || !Number.isInteger(si) || bi < 0 || si < 0 || bi + si > t.shape[i]!) {
      throw new ValueError(`slice: begin [${fullBegin.join(',')}] with size [${fullSize.join(',')}] is out of bounds for shape ${fmtShape(t.shape)} (axis ${i})`);
    }
  }
  if (fullBegin.every((v) => v === 0) && shapesEqual(fullSize, t.shape)) return engine.view('identity', t, t.shape);
  return engine.runKernel('slice', [t], { begin: fullBegin, size: fullSize });
}

/** Splits into equal parts (a number) or parts of the given sizes along `axis`. @example split(x, 2, 1) */
export function split(x: TensorLike, numOrSizes: number | readonly number[], axis = 0): Tensor[] {
  const t = toTensor(x, 'x', 'split');
  const a = normalizeAxis('split', axis, t.rank);
  const dim = t.shape[a]!;
  let sizes: number[];
  if (typeof numOrSizes === 'number') {
    if (!Number.isInteger(numOrSizes) || numOrSizes <= 0 || dim % numOrSizes !== 0) {
      throw new ValueError(`split: axis ${a} of size ${dim} cannot be split into ${numOrSizes} equal parts`);
    }
    sizes = new Array<number>(numOrSizes).fill(dim / numOrSizes);
  } else {
    sizes = [...numOrSizes];
    const free = sizes.filter((v) => v === -1).length;
    if (free === 1) sizes[sizes.indexOf(-1)] = dim - sizes.reduce((n, v) => (v === -1 ? n : n + v), 0);
    if (sizes.reduce((n, v) => n + v, 0) !== dim || sizes.some((v) => v < 0)) {
      throw new ValueError(`split: sizes [${numOrSizes.join(',')}] do not add up to axis ${a} of size ${dim}`);
    }
  }
  let offset = 0;
  return sizes.map((s) => {
    const begin = t.shape.map((_, i) => (i === a ? offset : 0));
    const size = t.shape.map((d, i) => (i === a ? s : d));
    offset += s;
    return slice(t, begin, size);
  });
}

/** The slices along `axis`, each without that axis. @example unstack(tensor([[1, 2], [3, 4]])) */
export function unstack(x: TensorLike, axis = 0): Tensor[] {
  const t = toTensor(x, 'x', 'unstack');
  const a = normalizeAxis('unstack', axis, t.rank);
  return split(t, t.shape[a]!, a).map((p) => squeeze(p, a));
}

/**
 * Picks entries of `x` along `axis` at integer `indices` (any shape).
 * @example gather(tensor([10, 20, 30]), tensor([2, 0], undefined, 'int32')) // [30, 10]
 */
export function gather(x: TensorLike, indices: TensorLike, axis = 0): Tensor {
  const t = toTensor(x, 'x', 'gather');
  const idx = toTensor(indices, 'indices', 'gather', 'int32');
  if (idx.dtype !== 'int32') throw new DTypeError(`gather: 'indices' must have dtype int32, received ${idx.dtype}`);
  return engine.runKernel('gather', [t, idx], { axis: normalizeAxis('gather', axis, t.rank) });
}

/** Pads each axis with [before, after] entries of `constantValue`. @example pad(x, [[1, 1], [0, 2]]) */
export function pad(x: TensorLike, paddings: ReadonlyArray<readonly [number, number]>, constantValue = 0): Tensor {
  const t = toTensor(x, 'x', 'pad');
  if (paddings.length !== t.rank || paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))) {
    throw new ValueError(`pad: paddings must be ${t.rank} pairs of non-negative integers for shape ${fmtShape(t.shape)}, received ${JSON.stringify(paddings)}`);
  }
  return engine.runKernel('pad', [t], { paddings: paddings.map((p) => [p[0], p[1]] as const), value: constantValue });
}

/** Repeats `x` reps[i] times along axis i. @example tile(tensor([1, 2]), [3]) // [1, 2, 1, 2, 1, 2] */
export function tile(x: TensorLike, reps: readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'tile');
  if (reps.length !== t.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new ValueError(`tile: reps must be ${t.rank} non-negative integers for shape ${fmtShape(t.shape)}, received [${reps.join(',')}]`);
  }
  if (reps.every((r) => r === 1)) return engine.view('identity', t, t.shape);
  return engine.runKernel('tile', [t], { reps });
}

/** Broadcasts `x` to `shape` (NumPy rules). @example broadcastTo(tensor([1, 2]), [3, 2]) */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'broadcastTo');
  if (shape.length < t.rank) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${fmtShape(t.shape)} to lower rank ${fmtShape(shape)}`);
  }
  const padded = [...new Array<number>(shape.length - t.rank).fill(1), ...t.shape];
  const reps = padded.map((d, i) => {
    if (d === shape[i]) return 1;
    if (d === 1) return shape[i]!;
    throw new ShapeError(`broadcastTo: cannot broadcast ${fmtShape(t.shape)} to ${fmtShape(shape)} (axis ${i}: ${d} vs ${shape[i]})`);
  });
  return tile(reshape(t, padded), reps);
}

/**
 * One-hot encodes integer `indices` into a new last axis of size `depth`.
 * @example oneHot(tensor([0, 2], undefined, 'int32'), 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(indices: TensorLike, depth: number, onValue = 1, offValue = 0, dtype: DType = 'float32'): Tensor {
  const idx = toTensor(indices, 'indices', 'oneHot', 'int32');
  if (idx.dtype !== 'int32') throw new DTypeError(`oneHot: 'indices' must have dtype int32, received ${idx.dtype}`);
  if (!Number.isInteger(depth) || depth < 1) throw new ValueError(`oneHot: depth must be a positive integer, received ${depth}`);
  const hit = equal(expandDims(idx, -1), arange(0, depth, 1, 'int32'));
  if (onValue === 1 && offValue === 0) return cast(hit, dtype);
  return cast(where(hit, onValue, offValue), dtype);
}
