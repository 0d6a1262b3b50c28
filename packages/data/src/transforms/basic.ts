import { disposeElement } from '../container.js';
import { elementError } from '../errors.js';

/** The first `count` elements; the upstream pass is closed as soon as they are out. */
export async function* takeElements<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  if (count <= 0) return;
  let taken = 0;
  for await (const value of source) {
    yield value;
    if (++taken >= count) return;
  }
}

/** Everything after the first `count` elements; the skipped ones are freed. */
export async function* skipElements<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  let skipped = 0;
  for await (const value of source) {
    if (skipped < count) {
      skipped++;
      disposeElement(value);
      continue;
    }
    yield value;
  }
}

/** `count` passes (Infinity: endless); each pass opens the source again. An empty source ends at once. */
export async function* repeatElements<T>(source: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  for (let pass = 0; pass < count; pass++) {
    let any = false;
    for await (const value of source) {
      any = true;
      yield value;
    }
    if (!any) return;
  }
}

/** The elements `predicate` accepts; rejected ones are freed. */
export async function* filterElements<T>(source: AsyncIterable<T>, predicate: (value: T) => boolean | Promise<boolean>): AsyncGenerator<T> {
  let index = 0;
  for await (const value of source) {
    let keep: boolean;
    try {
      keep = await predicate(value);
    } catch (error) {
      disposeElement(value);
      throw elementError('filter', index, error);
    }
    index++;
    if (keep) yield value;
    else disposeElement(value);
  }
}

/** The sources one after another. */
export async function* concatenateDatasets<T>(sources: ReadonlyArray<AsyncIterable<T>>): AsyncGenerator<T> {
  for (const source of sources) yield* source;
}
