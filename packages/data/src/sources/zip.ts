import { ValueError } from '@rectify/tensor';
import { disposeElement, isPlainObject } from '../container.js';
import { Dataset } from '../dataset.js';

/** An array or object of datasets, nested, as `zip` takes them. */
export type DatasetTree = Dataset<unknown> | readonly DatasetTree[] | { readonly [key: string]: DatasetTree };

function leaves(tree: DatasetTree, out: Array<Dataset<unknown>>): Array<Dataset<unknown>> {
  if (tree instanceof Dataset) out.push(tree);
  else if (Array.isArray(tree)) for (const t of tree) leaves(t, out);
  else if (isPlainObject(tree)) for (const t of Object.values(tree)) leaves(t as DatasetTree, out);
  else throw new ValueError(`zip: expected datasets in an array or object, received ${tree === null ? 'null' : typeof tree}`);
  return out;
}

/** The tree with each dataset replaced by its next value (taken in `leaves` order). */
function fill(tree: DatasetTree, values: unknown[]): unknown {
  if (tree instanceof Dataset) return values.shift();
  if (Array.isArray(tree)) return tree.map((t) => fill(t, values));
  return Object.fromEntries(Object.entries(tree).map(([k, t]) => [k, fill(t as DatasetTree, values)]));
}

/**
 * Combines datasets element by element into arrays or objects of the same shape as `datasets` (tf.data.zip).
 * Ends with the shortest.
 * @example rf.data.zip({ xs: rf.data.array([[1], [2]]), ys: rf.data.array([0, 1]) }) // { xs: [1], ys: 0 }, …
 */
export function zip<T = unknown>(datasets: DatasetTree): Dataset<T> {
  const sources = leaves(datasets, []);
  if (sources.length === 0) throw new ValueError('zip: no datasets given');
  const sizes = sources.map((d) => d.size);
  const size = sizes.includes(null) ? null : Math.min(...(sizes as number[]));
  return new Dataset<T>(async function* () {
    const its = sources.map((d) => d[Symbol.asyncIterator]());
    try {
      for (;;) {
        const results = await Promise.all(its.map((it) => it.next()));
        if (results.some((r) => r.done)) {
          for (const r of results) if (!r.done) disposeElement(r.value);
          return;
        }
        yield fill(datasets, results.map((r) => r.value)) as T;
      }
    } finally {
      await Promise.all(its.map((it) => it.return?.()));
    }
  }, size);
}
