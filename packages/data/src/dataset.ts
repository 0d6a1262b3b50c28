import { ValueError } from '@rectify/tensor';
import { type Element, disposeElement } from './container.js';
import { batchElements, type Batched } from './transforms/batch.js';
import { concatenateDatasets, filterElements, repeatElements, skipElements, takeElements } from './transforms/basic.js';
import { type MapOptions, mapElements } from './transforms/map.js';
import { prefetchElements } from './transforms/prefetch.js';
import { shuffleElements, type ShuffleSeed } from './transforms/shuffle.js';
import { unbatchElements } from './transforms/unbatch.js';
import { checkCount } from './checks.js';

/**
 * A description of a stream of elements, as TensorFlow.js' `tf.data.Dataset`: nothing is read until it is
 * iterated, and every iteration starts again from the beginning (a generator's factory is called again, a CSV file
 * is reopened). Transforms return new datasets and leave this one unchanged.
 * @example
 * const ds = rf.data.array([1, 2, 3, 4, 5]).map((x) => x * 2).batch(2);
 * for await (const b of ds) b.print(); // prints [2, 4], [6, 8], [10]
 */
export class Dataset<T = Element> implements AsyncIterable<T> {
  /**
   * @param open starts one pass over the elements.
   * @param size the number of elements when known (Infinity for an endless dataset), else null.
   */
  constructor(
    private readonly open: () => AsyncIterator<T>,
    readonly size: number | null = null,
  ) {}

  /** Starts a pass: an iterator whose `next()` resolves to `{ value, done }`. @example
   * const it = await rf.data.array([7, 8]).iterator();
   * await it.next(); // → { value: 7, done: false }
   */
  async iterator(): Promise<AsyncIterator<T>> {
    return this.open();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.open();
  }

  /**
   * Applies `fn` to every element; `fn` may be async, and `{ parallel: n }` runs n calls at once, in order.
   * `{ parallel: n, worker: true }` runs them on n workers (a self-contained function, or a `moduleFunction`).
   * @example
   * await rf.data.array([1, 2]).map((x) => x * 2).toArray(); // → [2, 4]
   */
  map<U>(fn: (value: T) => U | Promise<U>, options: MapOptions = {}): Dataset<U> {
    return new Dataset(() => mapElements(this, fn, 'map', options), this.size);
  }

  /** `map` with an async function (tf.data's name for it). @example
   * await rf.data.array([1, 2]).mapAsync(async (x) => x + 1).toArray(); // → [2, 3]
   */
  mapAsync<U>(fn: (value: T) => Promise<U>, options: MapOptions = {}): Dataset<U> {
    return new Dataset(() => mapElements(this, fn, 'mapAsync', options), this.size);
  }

  /** Keeps the elements for which `predicate` is true; the others are freed. @example
   * await rf.data.array([1, 2, 3, 4]).filter((x) => x % 2 === 0).toArray(); // → [2, 4]
   */
  filter(predicate: (value: T) => boolean | Promise<boolean>): Dataset<T> {
    return new Dataset(() => filterElements(this, predicate), null);
  }

  /**
   * Groups consecutive elements: numbers, nested arrays of numbers and tensors become one tensor with a leading
   * batch axis; arrays and objects are batched per entry. The last, shorter batch is kept unless `smallLastBatch`
   * is false.
   * @example
   * const ds = rf.data.array([{ xs: [1, 2], ys: 0 }, { xs: [3, 4], ys: 1 }]).batch(2);
   * await ds.toArray(); // → [{ xs: [[1, 2], [3, 4]], ys: [0, 1] }]
   */
  batch(batchSize: number, smallLastBatch = true): Dataset<Batched<T>> {
    checkCount('batch', 'batchSize', batchSize, 1);
    const size = this.size === null ? null : !Number.isFinite(this.size) ? this.size : smallLastBatch ? Math.ceil(this.size / batchSize) : Math.floor(this.size / batchSize);
    return new Dataset(() => batchElements(this, batchSize, smallLastBatch), size) as Dataset<Batched<T>>;
  }

  /** Splits each batched element back into single elements along axis 0. @example
   * await rf.data.array([1, 2, 3]).batch(2).unbatch().toArray(); // → [1, 2, 3]
   */
  unbatch(): Dataset<Element> {
    return new Dataset(() => unbatchElements(this), null);
  }

  /**
   * Shuffles through a buffer of `bufferSize` elements (reservoir style, as tf.data): a buffer as large as the
   * dataset gives a uniform shuffle. With a seed the order is reproducible; `reshuffleEachIteration` (default true)
   * gives each pass a different, still reproducible, order.
   * @example
   * (await rf.data.array([1, 2, 3]).shuffle(1000, 42).toArray()).sort(); // → [1, 2, 3]
   */
  shuffle(bufferSize: number, seed?: ShuffleSeed, reshuffleEachIteration = true): Dataset<T> {
    return new Dataset(shuffleElements(this, bufferSize, seed, reshuffleEachIteration), this.size);
  }

  /** Prepares up to `bufferSize` elements ahead of the consumer. @example
   * await rf.data.array([1, 2, 3]).batch(2).prefetch(2).toArray(); // → [[1, 2], [3]]
   */
  prefetch(bufferSize: number): Dataset<T> {
    checkCount('prefetch', 'bufferSize', bufferSize, 1);
    return new Dataset(() => prefetchElements(this, bufferSize), this.size);
  }

  /** The first `count` elements (all of them when count is negative or larger). @example
   * await rf.data.array([1, 2, 3]).take(2).toArray(); // → [1, 2]
   */
  take(count: number): Dataset<T> {
    const n = count < 0 ? Infinity : count;
    checkCount('take', 'count', n, 0);
    return new Dataset(() => takeElements(this, n), this.size === null ? (n === 0 ? 0 : null) : Math.min(this.size, n));
  }

  /** All but the first `count` elements, which are read and freed. @example
   * await rf.data.array([1, 2, 3]).skip(2).toArray(); // → [3]
   */
  skip(count: number): Dataset<T> {
    checkCount('skip', 'count', count, 0);
    return new Dataset(() => skipElements(this, count), this.size === null ? null : Math.max(0, this.size - count));
  }

  /** Passes over the dataset `count` times, or endlessly without a count. @example
   * await rf.data.array([1, 2]).repeat(2).toArray(); // → [1, 2, 1, 2]
   */
  repeat(count?: number): Dataset<T> {
    const n = count === undefined || count < 0 ? Infinity : count;
    checkCount('repeat', 'count', n, 0);
    const size = this.size === null ? null : this.size === 0 || n === 0 ? 0 : this.size * n;
    return new Dataset(() => repeatElements(this, n), size);
  }

  /** This dataset's elements followed by `other`'s. @example
   * await rf.data.array([1]).concatenate(rf.data.array([2])).toArray(); // → [1, 2]
   */
  concatenate<U>(other: Dataset<U>): Dataset<T | U> {
    const size = this.size === null || other.size === null ? null : this.size + other.size;
    return new Dataset(() => concatenateDatasets<T | U>([this, other]), size);
  }

  /** Reads every element into an array (for small datasets and tests). @example await rf.data.array([1, 2]).toArray() // → [1, 2] */
  async toArray(): Promise<T[]> {
    if (this.size === Infinity) throw new ValueError('toArray: the dataset is endless (size Infinity); take(n) first');
    const out: T[] = [];
    for await (const value of this) out.push(value);
    return out;
  }

  /**
   * Calls `fn` on every element, awaiting it; the element's tensors are freed afterwards, as in tf.data (clone
   * what must outlive the call).
   * @example
   * const seen: number[] = [];
   * await rf.data.array([1, 2]).forEachAsync((e) => void seen.push(e));
   * seen; // → [1, 2]
   */
  async forEachAsync(fn: (value: T) => void | Promise<void>): Promise<void> {
    for await (const value of this) {
      try {
        await fn(value);
      } finally {
        disposeElement(value);
      }
    }
  }
}
