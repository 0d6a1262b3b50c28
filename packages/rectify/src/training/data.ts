import {
  Tensor,
  type TensorLike,
  ShapeError,
  ValueError,
  concat,
  gather,
  slice,
  tensor,
  toTensor,
} from '@rectify/tensor';

/** What `fit`, `evaluate` and `predict` accept for x or y: one tensor (or nested array), or one per input/output. */
export type Data = TensorLike | readonly Tensor[];

/** The data as a list of tensors, one per model input or output. Nested arrays are converted once. */
export function toTensorList(fn: string, arg: string, data: Data): Tensor[] {
  if (Array.isArray(data) && data.length > 0 && data.every((d) => d instanceof Tensor)) {
    return (data as Tensor[]).map((t, i) => toTensor(t, `${arg}[${i}]`, fn));
  }
  if (data === undefined || data === null) throw new ValueError(`${fn}: ${arg} is required, received ${String(data)}`);
  const t = Array.isArray(data) ? tensor(data as never) : toTensor(data as TensorLike, arg, fn);
  return [t];
}

/** The number of examples: the size of axis 0, which every tensor must share. */
export function exampleCount(fn: string, named: ReadonlyArray<readonly [string, readonly Tensor[]]>): number {
  let n: number | undefined;
  let first = '';
  for (const [arg, ts] of named) {
    ts.forEach((t, i) => {
      const where = ts.length > 1 ? `${arg}[${i}]` : arg;
      if (t.rank === 0) throw new ShapeError(`${fn}: ${where} must have a batch axis, received a scalar`);
      const rows = t.shape[0]!;
      if (n === undefined) [n, first] = [rows, where];
      else if (rows !== n) throw new ShapeError(`${fn}: ${first} has ${n} examples but ${where} has ${rows}`);
    });
  }
  if (!n) throw new ValueError(`${fn}: no examples to train on (the data is empty)`);
  return n;
}

/** Rows [start, end) of every tensor. */
export function sliceRows(ts: readonly Tensor[], start: number, end: number): Tensor[] {
  return ts.map((t) => slice(t, [start, ...t.shape.slice(1).map(() => 0)], [end - start, ...t.shape.slice(1)]));
}

/** The rows at `indices` (int32) of every tensor. */
export function gatherRows(ts: readonly Tensor[], indices: Tensor): Tensor[] {
  return ts.map((t) => gather(t, indices, 0));
}

/** Concatenates per-batch outputs along the batch axis (one list per output). */
export function concatBatches(batches: readonly Tensor[][]): Tensor[] {
  const outputs = batches[0]?.length ?? 0;
  return Array.from({ length: outputs }, (_, o) =>
    batches.length === 1
      ? batches[0]![o]!
      : concat(
          batches.map((b) => b[o]!),
          0,
        ),
  );
}

/** The model's argument: a single tensor, or the list for a multi-input model. */
export function unwrap(ts: Tensor[]): Tensor | Tensor[] {
  return ts.length === 1 ? ts[0]! : ts;
}

/** The tensors `toTensorList` created (from nested arrays), which the caller must free; passed-in ones are not. */
export function converted(list: readonly Tensor[], original: Data): Tensor[] {
  const given = new Set<unknown>(Array.isArray(original) ? original : [original]);
  return list.filter((t) => !given.has(t));
}
