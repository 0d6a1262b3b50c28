import { Tensor, ValueError, tidy, unstack } from '@rectify/tensor';
import { disposeElement, isPlainObject } from '../container.js';

/** The batch size of an element: axis 0 of its first tensor, or the length of its first array. */
function batchSize(value: unknown): number | undefined {
  if (value instanceof Tensor) return value.rank === 0 ? undefined : value.shape[0];
  if (Array.isArray(value)) return value.length;
  if (isPlainObject(value)) {
    for (const v of Object.values(value)) {
      const n = batchSize(v);
      if (n !== undefined) return n;
    }
  }
  return undefined;
}

/** Row `i` of every leaf; tensors are unstacked once per element (`rows` caches them). */
function row(value: unknown, i: number, rows: Map<Tensor, Tensor[]>): unknown {
  if (value instanceof Tensor) {
    let parts = rows.get(value);
    if (parts === undefined) rows.set(value, (parts = unstack(value)));
    return parts[i];
  }
  if (Array.isArray(value)) return value[i];
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, row(v, i, rows)]));
  throw new ValueError(`unbatch: cannot split ${typeof value} along a batch axis`);
}

/** Each batched element split into its rows (the inverse of `batch`). */
export async function* unbatchElements<T>(source: AsyncIterable<T>): AsyncGenerator<unknown> {
  let pending: unknown[] = [];
  try {
    for await (const value of source) {
      const n = batchSize(value);
      if (n === undefined) throw new ValueError('unbatch: an element has no batch axis (a scalar or a number)');
      const cache = new Map<Tensor, Tensor[]>();
      pending = tidy(() => Array.from({ length: n }, (_, i) => row(value, i, cache)) as never) as unknown[];
      disposeElement(value);
      while (pending.length > 0) yield pending.shift();
    }
  } finally {
    // Stopped early: the rows not handed out are still ours to free.
    for (const r of pending) disposeElement(r);
  }
}
