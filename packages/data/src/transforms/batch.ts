import { Tensor, ValueError, stack, tensor, tidy } from '@rectify/tensor';
import { disposeElement, isPlainObject } from '../container.js';
import { DatasetError } from '../errors.js';

/**
 * What `batch` makes of an element type: numbers, booleans, nested arrays of them and tensors become tensors;
 * objects and arrays holding tensors or objects are batched entry by entry.
 */
export type Batched<T> = T extends number | boolean | Tensor | ArrayBufferView
  ? Tensor
  : T extends ReadonlyArray<number | boolean | ReadonlyArray<unknown>>
    ? Tensor
    : T extends ReadonlyArray<infer E>
      ? Array<Batched<E>>
      : T extends Record<string, unknown>
        ? { [K in keyof T]: Batched<T[K]> }
        : unknown;

/** A nested array holding only numbers and booleans: one tensor per batch, as tf.data makes it. */
function isNumericArray(value: readonly unknown[]): boolean {
  const first = value[0];
  if (Array.isArray(first)) return isNumericArray(first);
  return typeof first === 'number' || typeof first === 'boolean';
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}

/** Rows of flat number arrays (the common case: CSV features) copied straight into one float32 buffer. */
function flatRows(rows: readonly number[][], where: string): Tensor {
  const width = rows[0]!.length;
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    if (r.length !== width) throw new ValueError(`batch: ${where} has ${width} entries in row 0 but ${r.length} in row ${i}`);
    for (let j = 0; j < width; j++) {
      const v = r[j];
      if (typeof v !== 'number') throw new ValueError(`batch: ${where} holds ${describe(v)} in row ${i}, expected numbers`);
      out[i * width + j] = v;
    }
  });
  return tensor(out, [rows.length, width]);
}

/** Equal-length typed arrays (what a worker map hands back) as one `[rows, length]` tensor. */
function typedRows(rows: readonly unknown[], where: string): Tensor {
  const first = rows[0] as ArrayLike<number>;
  const width = first.length;
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => {
    const row = ArrayBuffer.isView(r) && !(r instanceof DataView) ? (r as unknown as ArrayLike<number>) : null;
    if (row === null || row.length !== width)
      throw new ValueError(
        `batch: ${where} is a typed array of ${width} entries in row 0 but ${describe(r)}${row ? ` of ${row.length} entries` : ''} in row ${i}`,
      );
    out.set(row, i * width);
  });
  return tensor(out, [rows.length, width], first instanceof Int32Array ? 'int32' : 'float32');
}

/** Joins the same place (`path`) of every row into one tensor, or recurses into arrays and objects. */
function join(rows: readonly unknown[], path: string): unknown {
  const first = rows[0];
  const where = path === '' ? 'the element' : `'${path}'`;
  if (first instanceof Tensor) {
    rows.forEach((r, i) => {
      if (!(r instanceof Tensor)) throw new ValueError(`batch: ${where} is a tensor in row 0 but ${describe(r)} in row ${i}`);
    });
    return stack(rows as Tensor[]);
  }
  if (ArrayBuffer.isView(first) && !(first instanceof DataView) && typeof (first as unknown as ArrayLike<number>)[0] !== 'bigint') return typedRows(rows, where);
  if (typeof first === 'number' || typeof first === 'boolean' || (Array.isArray(first) && isNumericArray(first))) {
    rows.forEach((r, i) => {
      if (typeof r !== typeof first || Array.isArray(r) !== Array.isArray(first)) {
        throw new ValueError(`batch: ${where} is ${describe(first)} in row 0 but ${describe(r)} in row ${i}; every row must have the same structure`);
      }
    });
    if (Array.isArray(first) && typeof first[0] === 'number') return flatRows(rows as number[][], where);
    return tensor(rows as number[], undefined, typeof first === 'boolean' ? 'bool' : 'float32');
  }
  if (Array.isArray(first)) {
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== first.length) throw new ValueError(`batch: ${where} has ${first.length} entries in row 0 but not in row ${i}`);
    });
    return first.map((_, j) => join(rows.map((r) => (r as unknown[])[j]), path === '' ? `[${j}]` : `${path}[${j}]`));
  }
  if (isPlainObject(first)) {
    return Object.fromEntries(
      Object.keys(first).map((key) => {
        const sub = path === '' ? key : `${path}.${key}`;
        const column = rows.map((r, i) => {
          if (!isPlainObject(r) || !(key in r) || r[key] === undefined) throw new ValueError(`batch: row ${i} has no value for '${sub}' (an empty CSV field?); every row must have the same structure`);
          return r[key];
        });
        return [key, join(column, sub)];
      }),
    );
  }
  throw new ValueError(`batch: cannot batch ${where}: it is ${describe(first)}; map it to numbers or tensors first`);
}

/**
 * Rows into one batched element (tf.data's deepBatchConcat). The row tensors are freed: the batch holds copies.
 * @example batchRows([{ x: [1, 2] }, { x: [3, 4] }]) // { x: tensor [[1, 2], [3, 4]] }
 */
export function batchRows(rows: readonly unknown[]): unknown {
  const out = tidy(() => join(rows, '') as never);
  for (const r of rows) disposeElement(r);
  return out;
}

/** Groups `size` consecutive elements into one. */
export async function* batchElements<T>(source: AsyncIterable<T>, size: number, smallLastBatch: boolean): AsyncGenerator<unknown> {
  let rows: T[] = [];
  let first = 0;
  try {
    for await (const value of source) {
      rows.push(value);
      if (rows.length === size) {
        const out = batchAt(rows, first);
        first += size;
        rows = [];
        yield out;
      }
    }
    if (rows.length > 0 && smallLastBatch) {
      const out = batchAt(rows, first);
      rows = [];
      yield out;
    }
  } finally {
    for (const r of rows) disposeElement(r);
  }
}

function batchAt(rows: readonly unknown[], first: number): unknown {
  try {
    return batchRows(rows);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetError(`${reason} (the batch of elements ${first}–${first + rows.length - 1})`, 'batch', first, { cause: error });
  }
}
