import { ValueError, checkOptions, tidy } from '@rectify/tensor';
import { disposeDropped, disposeElement } from '../container.js';
import { elementError } from '../errors.js';
import { checkCount } from '../checks.js';
import { workerMapElements } from '../workers/worker-map.js';

export interface MapOptions {
  /**
   * How many calls of the function may run at once (default 1). Results keep the input order. On this thread
   * this pays when the function waits on I/O (fetch, file reads); for CPU-bound work add `worker: true`.
   */
  parallel?: number;
  /**
   * Run the function on `parallel` workers (worker_threads in Node, web workers in browsers) instead of this
   * thread. Elements and results travel as structured clones (numbers, strings, arrays, typed arrays, plain
   * objects; no tensors), so map in workers before `batch`. The function is rebuilt in each worker from its
   * source text and must be self-contained — or made with `rf.data.moduleFunction(url, name)`, which the workers
   * import instead. Rebuilding from text needs `unsafe-eval` under a strict browser Content-Security-Policy.
   */
  worker?: boolean;
}

const MAP_OPTIONS = ['parallel', 'worker'] as const;

const AsyncFunction = (async () => {}).constructor;

/**
 * One call of `fn`. A synchronous function runs inside `tidy`, as in tf.data, so the tensors it makes and does not
 * return are freed; an `async` one cannot (tidy ends before its first await) and must free its own intermediates.
 * Input tensors the result does not carry on are freed either way.
 */
async function apply<T, U>(fn: (value: T) => U | Promise<U>, value: T, op: string, index: number): Promise<U> {
  let out: U;
  try {
    if (fn instanceof AsyncFunction) {
      out = await fn(value);
    } else {
      let pending: Promise<U> | undefined;
      const sync = tidy(() => {
        const r = fn(value);
        if (r instanceof Promise) pending = r;
        return pending ? undefined : (r as U);
      });
      out = pending ? await pending : (sync as U);
    }
  } catch (error) {
    disposeElement(value);
    throw elementError(op, index, error);
  }
  disposeDropped(value, out);
  return out;
}

/** `fn` over every element, up to `parallel` calls in flight, results in input order. */
export async function* mapElements<T, U>(
  source: AsyncIterable<T>,
  fn: (value: T) => U | Promise<U>,
  op: string,
  options: MapOptions,
): AsyncGenerator<U> {
  if (typeof fn !== 'function') throw new ValueError(`${op}: expected a function, received ${typeof fn}`);
  checkOptions(op, options, MAP_OPTIONS);
  const parallel = checkCount(op, 'parallel', options.parallel ?? 1, 1);
  if (options.worker !== undefined && typeof options.worker !== 'boolean')
    throw new ValueError(`${op}: worker must be true or false, received ${String(options.worker)}`);
  if (options.worker === true) {
    yield* workerMapElements(source, fn, op, parallel);
    return;
  }
  const upstream = source[Symbol.asyncIterator]();
  const inFlight: Array<Promise<U>> = [];
  let index = 0;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && inFlight.length < parallel) {
        const next = await upstream.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const call = apply(fn, next.value, op, index++);
        // A call that fails while an earlier one is awaited must not count as unhandled; it is awaited in turn.
        call.catch(() => {});
        inFlight.push(call);
      }
      const first = inFlight.shift();
      if (first === undefined) return;
      yield await first;
    }
  } finally {
    // Stopped early (take, an error): free what the calls still running produce, and close the source.
    for (const call of inFlight) void call.then(disposeElement, () => {});
    await upstream.return?.();
  }
}
