import { ValueError } from '@rectify/tensor';
import { Dataset } from '../dataset.js';
import { elementError } from '../errors.js';

/** What `generator` accepts: a function returning a fresh iterator — a (async) generator function, typically. */
export type IteratorFactory<T> = () => Iterator<T> | AsyncIterator<T> | Iterable<T> | AsyncIterable<T>;

function open<T>(factory: IteratorFactory<T>): Iterator<T> | AsyncIterator<T> {
  const made = factory();
  if (made !== null && typeof made === 'object') {
    if (Symbol.asyncIterator in made) return (made as AsyncIterable<T>)[Symbol.asyncIterator]();
    if ('next' in made && typeof made.next === 'function') return made as Iterator<T>;
    if (Symbol.iterator in made) return (made as Iterable<T>)[Symbol.iterator]();
  }
  throw new ValueError(`generator: the function must return an iterator (write it as function* or async function*), received ${made === null ? 'null' : typeof made}`);
}

/**
 * A dataset whose elements a generator makes on demand — endless or larger than memory (tf.data.generator).
 * Each pass calls `factory` again, so it must start afresh every time: pass the generator function itself, not a
 * generator object.
 * @example
 * const ds = rf.data.generator(function* () { for (let i = 0; i < 100; i++) yield { xs: [i], ys: 2 * i }; });
 * const live = rf.data.generator(async function* () { for await (const row of readRows()) yield row; });
 */
export function generator<T>(factory: IteratorFactory<T>): Dataset<T> {
  if (typeof factory !== 'function') {
    throw new ValueError(`generator: expected a function that returns an iterator (e.g. function* () { ... }), received ${factory === null ? 'null' : typeof factory}`);
  }
  return new Dataset<T>(async function* () {
    const it = open(factory);
    let index = 0;
    let done = false;
    try {
      for (;;) {
        let next: IteratorResult<T>;
        try {
          next = await it.next();
        } catch (error) {
          done = true;
          throw elementError('generator', index, error);
        }
        if (next.done) {
          done = true;
          return;
        }
        index++;
        yield next.value;
      }
    } finally {
      if (!done) await it.return?.();
    }
  });
}
