import { DatasetError } from '../errors.js';
import { type WorkerPort, spawnWorker } from './spawn.js';

/** What the pool tells each worker to run: a function's text, or a module's export. */
export type WorkerInit =
  | { readonly type: 'init'; readonly source: string }
  | { readonly type: 'init'; readonly module: string; readonly exportName: string };

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly stage?: 'load' | 'call' | 'clone';
  readonly error?: { name: string; message: string; stack?: string };
}

interface Call {
  readonly index: number;
  readonly slot: Slot;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  readonly port: WorkerPort;
  pending: number;
}

/** The error a worker reported, rebuilt on this side with its name, message and the worker's stack. */
function rebuilt(e: NonNullable<Reply['error']>): Error {
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  return error;
}

/**
 * `size` workers that all run the same function; `call` sends an element to the least busy one. Every failure
 * comes back as a `DatasetError` naming the element, as a failure of the sequential `map` does.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly calls = new Map<number, Call>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(
    size: number,
    private readonly init: WorkerInit,
    private readonly op: string,
  ) {
    for (let i = 0; i < size; i++) {
      const port = spawnWorker();
      port.listen(
        (m) => this.settle(m as Reply),
        (e) => this.fail(e),
      );
      port.post(init);
      this.slots.push({ port, pending: 0 });
    }
  }

  /** The function's result for `value`, element `index` of the pass. */
  call(value: unknown, index: number): Promise<unknown> {
    if (this.failure) return Promise.reject(this.wrap(index, this.failure, 'worker'));
    const slot = this.slots.reduce((a, b) => (b.pending < a.pending ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        // Copied, not moved: the source may hand the same buffers out again on the next pass (array() does).
        slot.port.post({ id, value });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        reject(
          new DatasetError(
            `${this.op}: element ${index} cannot be sent to a worker ({ worker: true }): ${reason}; elements must be structured-cloneable (numbers, strings, arrays, typed arrays, plain objects — no tensors or functions)`,
            this.op,
            index,
            { cause: error },
          ),
        );
        return;
      }
      if (slot.pending++ === 0) slot.port.hold(true);
      this.calls.set(id, { index, slot, resolve, reject });
    });
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('the pass ended');
    for (const call of this.calls.values()) call.reject(this.wrap(call.index, this.failure, 'worker'));
    this.calls.clear();
    await Promise.all(this.slots.map((s) => s.port.terminate()));
  }

  private settle(reply: Reply): void {
    const call = this.calls.get(reply.id);
    if (call === undefined) return;
    this.calls.delete(reply.id);
    if (--call.slot.pending === 0) call.slot.port.hold(false);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(this.wrap(call.index, rebuilt(reply.error!), reply.stage ?? 'call'));
  }

  /** A worker died: every call still waiting fails, and so does every later one. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const call of this.calls.values()) call.reject(this.wrap(call.index, error, 'worker'));
    this.calls.clear();
  }

  private wrap(index: number, error: Error, stage: Reply['stage'] | 'worker'): DatasetError {
    const { op } = this;
    const what = `${error.name}: ${error.message}`;
    let message: string;
    if (stage === 'load') message = `${op}: the worker could not load the function ({ worker: true }): ${what}`;
    else if (stage === 'clone')
      message = `${op}: the result for element ${index} cannot be sent back from the worker ({ worker: true }): ${what}; return numbers, strings, arrays, typed arrays and plain objects`;
    else if (stage === 'worker') message = `${op}: element ${index} was lost: ${error.message}`;
    else {
      message = `${op}: the function threw on element ${index}: ${what}`;
      if (error.name === 'ReferenceError' && 'source' in this.init)
        message += ` — with { worker: true } the function is rebuilt from its source text in a worker, so it cannot use variables, imports or helpers from outside its body; put them inside it, pass them in the elements, or export it from a module and use rf.data.moduleFunction(url, name)`;
    }
    return new DatasetError(message, op, index, { cause: error });
  }
}
