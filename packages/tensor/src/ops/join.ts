import { engine } from '../engine.js';
import { DTypeError, ShapeError, ValueError, fmtShape } from '../errors.js';
import { normalizeAxis, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { expandDims, squeeze } from './shape.js';

/** Joins tensors along an existing axis. @example concat([tensor([1, 2]), tensor([3])], 0) // → [1, 2, 3] */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('concat: expected at least one tensor, received an empty list');
  const ts = tensors.map((x, i) => toTensor(x, `tensors[${i}]`, 'concat'));
  const first = ts[0]!;
  if (first.rank === 0)
    throw new ShapeError('concat: cannot concatenate scalars (rank 0); use stack to join them along a new axis');
  const a = normalizeAxis('concat', axis, first.rank);
  ts.forEach((t, i) => {
    if (t.rank !== first.rank || t.shape.some((d, j) => j !== a && d !== first.shape[j])) {
      throw new ShapeError(
        `concat: tensors[${i}] has shape ${fmtShape(t.shape)}, incompatible with ${fmtShape(first.shape)} along axis ${a}`,
      );
    }
    if (t.dtype !== first.dtype)
      throw new DTypeError(`concat: tensors[${i}] has dtype ${t.dtype}, expected ${first.dtype}`);
  });
  if (ts.length === 1) return engine.view('identity', first, first.shape);
  return engine.runKernel('concat', ts, { axis: a });
}

/** Joins tensors along a new axis. @example stack([tensor([1, 2]), tensor([3, 4])], 0) // → [[1, 2], [3, 4]] */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('stack: expected at least one tensor, received an empty list');
  const ts = tensors.map((x, i) => toTensor(x, `tensors[${i}]`, 'stack'));
  ts.forEach((t, i) => {
    if (!shapesEqual(t.shape, ts[0]!.shape)) {
      throw new ShapeError(`stack: tensors[${i}] has shape ${fmtShape(t.shape)}, expected ${fmtShape(ts[0]!.shape)}`);
    }
    if (t.dtype !== ts[0]!.dtype)
      throw new DTypeError(`stack: tensors[${i}] has dtype ${t.dtype}, expected ${ts[0]!.dtype}`);
  });
  const a = normalizeAxis('stack', axis, ts[0]!.rank + 1);
  return concat(
    ts.map((t) => expandDims(t, a)),
    a,
  );
}

/**
 * A block of `x` starting at `begin` with extent `size` (−1 = to the end).
 * @example slice(tensor([1, 2, 3, 4]), [1], [2]) // → [2, 3]
 */
export function slice(x: TensorLike, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'slice');
  const b = typeof begin === 'number' ? [begin] : [...begin];
  const s = size === undefined ? [] : typeof size === 'number' ? [size] : [...size];
  if (b.length > t.rank || s.length > t.rank) {
    throw new ValueError(
      `slice: begin [${b.join(',')}] and size [${s.join(',')}] must have at most ${t.rank} entries for shape ${fmtShape(t.shape)}`,
    );
  }
  const fullBegin = t.shape.map((_, i) => b[i] ?? 0);
  const fullSize = t.shape.map((d, i) => (s[i] === undefined || s[i] === -1 ? d - fullBegin[i]! : s[i]!));
  for (let i = 0; i < t.rank; i++) {
    const bi = fullBegin[i]!;
    const si = fullSize[i]!;
    if (!Number.isInteger(bi) || !Number.isInteger(si) || bi < 0 || si < 0 || bi + si > t.shape[i]!) {
      throw new ValueError(
        `slice: begin [${fullBegin.join(',')}] with size [${fullSize.join(',')}] is out of bounds for shape ${fmtShape(t.shape)} (axis ${i})`,
      );
    }
  }
  if (fullBegin.every((v) => v === 0) && shapesEqual(fullSize, t.shape)) return engine.view('identity', t, t.shape);
  return engine.runKernel('slice', [t], { begin: fullBegin, size: fullSize });
}

/** Splits into equal parts (a number) or parts of the given sizes along `axis`. @example split(tensor([[1, 2, 3, 4]]), 2, 1) // → [[[1, 2]], [[3, 4]]] */
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

/** The slices along `axis`, each without that axis. @example unstack(tensor([[1, 2], [3, 4]])) // → [[1, 2], [3, 4]] */
export function unstack(x: TensorLike, axis = 0): Tensor[] {
  const t = toTensor(x, 'x', 'unstack');
  const a = normalizeAxis('unstack', axis, t.rank);
  if (t.shape[a] === 0) return [];
  return split(t, t.shape[a]!, a).map((p) => squeeze(p, a));
}

/** Pads each axis with [before, after] entries of `constantValue`. @example pad(tensor([[1]]), [[1, 1], [0, 2]]) // → [[0, 0, 0], [1, 0, 0], [0, 0, 0]] */
export function pad(x: TensorLike, paddings: ReadonlyArray<readonly [number, number]>, constantValue = 0): Tensor {
  const t = toTensor(x, 'x', 'pad');
  if (
    paddings.length !== t.rank ||
    paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))
  ) {
    throw new ValueError(
      `pad: paddings must be ${t.rank} pairs of non-negative integers for shape ${fmtShape(t.shape)}, received ${JSON.stringify(paddings)}`,
    );
  }
  return engine.runKernel('pad', [t], { paddings: paddings.map((p) => [p[0], p[1]] as const), value: constantValue });
}
