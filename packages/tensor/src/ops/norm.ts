import { ValueError } from '../errors.js';
import { normalizeAxes, normalizeAxis, reducedShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { abs, cast, pow, sqrt, square } from './elementwise.js';
import { max, min, sum } from './reduce.js';
import { reshape } from './shape.js';

export type NormOrder = number | 'euclidean' | 'fro';

/**
 * Vector or matrix norm, as TensorFlow.js's `norm`. With no axis the tensor is treated as one vector; one axis
 * gives vector norms along it; two axes give matrix norms over them. Orders: vectors 'euclidean' (= 2), 1,
 * Infinity, −Infinity, and any p > 0 as (Σ|x|ᵖ)^(1/p); matrices 'euclidean'/'fro', 1 (max column sum),
 * Infinity (max row sum), −Infinity (min row sum).
 * @example norm(tensor([3, 4])) // → 5
 * @example norm(tensor([[1, -2], [3, 4]]), 1, [0, 1]) // → 6
 */
export function norm(
  x: TensorLike,
  ord: NormOrder = 'euclidean',
  axis: number | readonly number[] | null = null,
  keepDims = false,
): Tensor {
  let t = toTensor(x, 'x', 'norm');
  if (t.dtype !== 'float32') t = cast(t, 'float32');
  if (t.rank === 0) return abs(t);
  const axes = normalizeAxes('norm', axis, t.rank);
  const whole = axis === null || axis === undefined;
  // Matrix norms read the axes in the order given (ord 1 sums the first, Infinity the second): keep it.
  const ordered = whole
    ? [0]
    : (typeof axis === 'number' ? [axis] : [...axis]).map((a) => normalizeAxis('norm', a, t.rank));
  const n = normImpl(whole ? reshape(t, [-1]) : t, ord, ordered);
  return keepDims ? reshape(n, reducedShape(t.shape, axes, true)) : n;
}

function normImpl(x: Tensor, ord: NormOrder, axes: readonly number[]): Tensor {
  if (axes.length === 1) {
    if (ord === 'euclidean' || ord === 2) return sqrt(sum(square(x), axes));
    if (ord === 1) return sum(abs(x), axes);
    if (ord === Infinity) return max(abs(x), axes);
    if (ord === -Infinity) return min(abs(x), axes);
    if (typeof ord === 'number' && ord > 0) {
      // (Σ|x|ᵖ)^(1/p), written with the elementwise ops so that it stays differentiable.
      return pow(sum(pow(abs(x), ord), axes), 1 / ord);
    }
    throw new ValueError(
      `norm: invalid ord ${JSON.stringify(ord)} for a vector norm; expected 'euclidean', a positive number, Infinity or -Infinity`,
    );
  }
  if (axes.length === 2) {
    const [a0, a1] = axes as [number, number];
    if (ord === 'euclidean' || ord === 'fro') return sqrt(sum(square(x), axes));
    // After summing one axis away, the other moves down by one if it came after it.
    if (ord === 1) return max(sum(abs(x), a0), a1 > a0 ? a1 - 1 : a1);
    if (ord === Infinity) return max(sum(abs(x), a1), a0 > a1 ? a0 - 1 : a0);
    if (ord === -Infinity) return min(sum(abs(x), a1), a0 > a1 ? a0 - 1 : a0);
    throw new ValueError(
      `norm: invalid ord ${JSON.stringify(ord)} for a matrix norm; expected 'euclidean', 'fro', 1, Infinity or -Infinity`,
    );
  }
  throw new ValueError(`norm: axis must name one or two axes, received ${axes.length}`);
}

/**
 * The Euclidean norm over `axis` (all axes by default): √Σx², as TensorFlow.js's `euclideanNorm`.
 * @example euclideanNorm(tensor([[3, 4], [6, 8]]), 1) // → [5, 10]
 */
export function euclideanNorm(x: TensorLike, axis: number | readonly number[] | null = null, keepDims = false): Tensor {
  return norm(x, 'euclidean', axis, keepDims);
}
