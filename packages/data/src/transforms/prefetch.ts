import { disposeElement } from '../container.js';

/**
 * Keeps up to `size` upstream `next()` calls running ahead of the consumer, so the next elements are being
 * prepared (read, parsed, batched) while the current one is used. Memory holds at most `size` elements.
 */
export async function* prefetchElements<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T> {
  const upstream = source[Symbol.asyncIterator]();
  const ahead: Array<Promise<IteratorResult<T>>> = [];
  let finished = false;
  try {
    for (;;) {
      while (!finished && ahead.length < size) {
        const next = upstream.next();
        // Awaited in turn below; this only stops a failure ahead of the consumer from counting as unhandled.
        next.catch(() => {});
        ahead.push(next);
      }
      const result = await ahead.shift()!;
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    for (const next of ahead) void next.then((r) => r.done || disposeElement(r.value), () => {});
    if (!finished) await Promise.allSettled(ahead).then(() => upstream.return?.());
  }
}
