import { ValueError } from '@rectify/tensor';
import { disposeElement, tensorsIn } from '../container.js';
import { DatasetError } from '../errors.js';
import { moduleSpecOf } from './module-function.js';
import { type WorkerInit, WorkerPool } from './worker-pool.js';

/** What the worker runs for `fn`: the module a `moduleFunction` names, or the function's own source text. */
function initFor(fn: (value: never) => unknown, op: string): WorkerInit {
  const spec = moduleSpecOf(fn);
  if (spec !== undefined) return { type: 'init', module: spec.module, exportName: spec.exportName };
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source))
    throw new ValueError(
      `${op}: { worker: true } rebuilds the function from its source text, and '${fn.name || 'anonymous'}' has none (a native or bound function); write it out in full, or use rf.data.moduleFunction(url, name)`,
    );
  return { type: 'init', source };
}

/**
 * `map` on `parallel` workers: each element is copied to a worker (structured clone), `fn` runs there, and the
 * result comes back with its typed arrays moved rather than copied. Results keep the input order; up to two
 * elements per worker are in flight, so a worker is never idle while this thread hands out the next one. The
 * workers start with the pass and are terminated when it ends, is closed early, or fails.
 */
export async function* workerMapElements<T, U>(
  source: AsyncIterable<T>,
  fn: (value: T) => U | Promise<U>,
  op: string,
  parallel: number,
): AsyncGenerator<U> {
  const init = initFor(fn, op);
  const upstream = source[Symbol.asyncIterator]();
  const pool = new WorkerPool(parallel, init, op);
  const inFlight: Array<Promise<unknown>> = [];
  let index = 0;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && inFlight.length < 2 * parallel) {
        const next = await upstream.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const i = index++;
        let call: Promise<unknown>;
        if (tensorsIn(next.value).size > 0) {
          disposeElement(next.value);
          call = Promise.reject(
            new DatasetError(
              `${op}: element ${i} holds a tensor, which cannot be sent to a worker ({ worker: true }); map in workers before batch, or pass t.dataSync()`,
              op,
              i,
            ),
          );
        } else call = pool.call(next.value, i);
        // Awaited in turn below; this only keeps a failure behind an earlier pending call from counting as unhandled.
        call.catch(() => {});
        inFlight.push(call);
      }
      const first = inFlight.shift();
      if (first === undefined) return;
      yield (await first) as U;
    }
  } finally {
    await pool.terminate();
    await upstream.return?.();
  }
}
