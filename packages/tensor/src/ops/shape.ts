import { engine } from '../engine.js';
import { ShapeError, ValueError, fmtShape } from '../errors.js';
import { assertValidShape, normalizeAxes, normalizeAxis, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';

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
    throw new ShapeError(
      `reshape: cannot reshape ${fmtShape(t.shape)} (size ${t.size}) into ${fmtShape(shape)} (size ${sizeOf(target)})`,
    );
  }
  return engine.view('reshape', t, target);
}

/** Permutes axes (reverses them by default). @example transpose(tensor([[1, 2, 3]]), [1, 0]) // → [[1], [2], [3]] */
export function transpose(x: TensorLike, perm?: readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'transpose');
  const p = perm ?? t.shape.map((_, i) => t.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== t.rank || sorted.some((v, i) => v !== i)) {
    throw new ValueError(
      `transpose: perm must be a permutation of [0..${t.rank - 1}], received [${p.join(',')}] for shape ${fmtShape(t.shape)}`,
    );
  }
  if (p.every((v, i) => v === i)) return engine.view('identity', t, t.shape);
  return engine.runKernel('transpose', [t], { perm: p });
}

/**
 * Reorders axes by `perm` (PyTorch's name for {@link transpose}; `perm` is required here).
 * @example permute(zeros([2, 3, 4]), [2, 0, 1]) // shape [4, 2, 3]
 */
export function permute(x: TensorLike, perm: readonly number[]): Tensor {
  if (!Array.isArray(perm)) throw new ValueError(`permute: perm must be an array of axes, received ${String(perm)}`);
  return transpose(x, perm);
}

/** Removes size-1 axes (all of them, or those listed). @example squeeze(zeros([1, 3, 1])) // shape [3] */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'squeeze');
  const axes =
    axis === undefined ? t.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes('squeeze', axis, t.rank);
  for (const a of axes) {
    if (t.shape[a] !== 1)
      throw new ShapeError(`squeeze: axis ${a} of ${fmtShape(t.shape)} has size ${t.shape[a]}, expected 1`);
  }
  return reshape(
    t,
    t.shape.filter((_, i) => !axes.includes(i)),
  );
}

/** Inserts a size-1 axis at `axis`. @example expandDims(tensor([1, 2]), 1) // shape [2, 1] */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  const t = toTensor(x, 'x', 'expandDims');
  const a = normalizeAxis('expandDims', axis, t.rank + 1);
  const shape = [...t.shape];
  shape.splice(a, 0, 1);
  return reshape(t, shape);
}

/** Repeats `x` reps[i] times along axis i. @example tile(tensor([1, 2]), [3]) // [1, 2, 1, 2, 1, 2] */
export function tile(x: TensorLike, reps: readonly number[]): Tensor {
  const t = toTensor(x, 'x', 'tile');
  if (reps.length !== t.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new ValueError(
      `tile: reps must be ${t.rank} non-negative integers for shape ${fmtShape(t.shape)}, received [${reps.join(',')}]`,
    );
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
    throw new ShapeError(
      `broadcastTo: cannot broadcast ${fmtShape(t.shape)} to ${fmtShape(shape)} (axis ${i}: ${d} vs ${shape[i]})`,
    );
  });
  return tile(reshape(t, padded), reps);
}
