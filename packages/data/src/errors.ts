import { RectifyError } from '@rectify/tensor';

/**
 * An error raised while producing a dataset's elements: a user function (map, filter, a generator) threw, or an
 * element could not be batched. `op` names the stage, `index` the element (counted from 0 in the current pass
 * over that stage's input) and `cause` holds the original error.
 * @example
 * try { await ds.toArray(); } catch (e) { if (e instanceof DatasetError) console.log(e.op, e.index); }
 */
export class DatasetError extends RectifyError {
  override name = 'DatasetError';

  constructor(
    message: string,
    readonly op: string,
    readonly index: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wraps what a user function threw; an error that already names its element passes through unchanged. */
export function elementError(op: string, index: number, error: unknown): DatasetError {
  if (error instanceof DatasetError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new DatasetError(`${op}: the function threw on element ${index}: ${reason}`, op, index, { cause: error });
}
