import { DTypeError } from '../errors.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { add, mul } from './elementwise.js';
import { pad, slice } from './join.js';

/**
 * `t` moved by `by` places along `axis` (towards the end when forward, else towards the start), the vacated
 * places filled with `fill`: one pad and one slice.
 */
function shifted(t: Tensor, axis: number, by: number, forward: boolean, fill: number): Tensor {
  const n = t.shape[axis]!;
  const paddings = t.shape.map((_, i) => (i === axis ? (forward ? [by, 0] : [0, by]) : [0, 0]) as [number, number]);
  const begin = t.shape.map((_, i) => (i === axis && !forward ? by : 0));
  const size = t.shape.map((d, i) => (i === axis ? n : d));
  return slice(pad(t, paddings, fill), begin, size);
}

function scan(op: 'cumsum' | 'cumprod', combine: (a: Tensor, b: Tensor) => Tensor, identity: number) {
  return (x: TensorLike, axis = 0, exclusive = false, reverse = false): Tensor => {
    let t = toTensor(x, 'x', op);
    if (t.dtype === 'bool') throw new DTypeError(`${op}: 'x' must be float32 or int32, received bool`);
    const a = normalizeAxis(op, axis, t.rank);
    const n = t.shape[a]!;
    const forward = !reverse;
    if (exclusive && n > 0) t = shifted(t, a, 1, forward, identity);
    // Hillis–Steele scan: log₂(n) steps of "combine with the copy shifted by 2ᵏ", all with differentiable ops.
    for (let by = 1; by < n; by *= 2) t = combine(t, shifted(t, a, by, forward, identity));
    return t;
  };
}

/**
 * Cumulative sum along `axis` (default 0), as TensorFlow.js's `cumsum`: `exclusive` leaves each entry out of its own
 * sum (starting from 0), `reverse` sums from the end. Differentiable; int32 stays int32.
 * @example cumsum(tensor([1, 2, 3])) // → [1, 3, 6]
 * @example cumsum(tensor([1, 2, 3]), 0, true, true) // → [5, 3, 0]
 */
export const cumsum = scan('cumsum', add, 0);

/**
 * Cumulative product along `axis`, with cumsum's `exclusive` and `reverse` (TensorFlow.js `cumprod`).
 * @example cumprod(tensor([1, 2, 3])) // → [1, 2, 6]
 */
export const cumprod = scan('cumprod', mul, 1);
