import { Tensor, dispose } from '@rectify/tensor';

/**
 * What a dataset element may be (tf.data's TensorContainer): a tensor, a number, a string, a boolean, or arrays
 * and plain objects of those, nested.
 */
export type Element = unknown;

/** Every tensor inside `value` (arrays and plain objects are searched, nothing else). */
export function tensorsIn(value: unknown, out: Set<Tensor> = new Set()): Set<Tensor> {
  if (typeof value !== 'object' || value === null) return out; // the bulk of a CSV row: numbers, strings
  if (value instanceof Tensor) out.add(value);
  else if (Array.isArray(value)) {
    for (const v of value) if (typeof v === 'object' && v !== null) tensorsIn(v, out);
  } else if (isPlainObject(value)) {
    for (const k in value) {
      const v = value[k];
      if (typeof v === 'object' && v !== null) tensorsIn(v, out);
    }
  }
  return out;
}

/** Frees the tensors of `input` that `output` does not carry on (what tf.data's map does after each element). */
export function disposeDropped(input: unknown, output: unknown): void {
  const ins = tensorsIn(input);
  if (ins.size === 0) return;
  const outs = tensorsIn(output);
  dispose([...ins].filter((t) => !outs.has(t) && !t.isDisposed));
}

/** Frees every tensor inside `value`. */
export function disposeElement(value: unknown): void {
  dispose([...tensorsIn(value)].filter((t) => !t.isDisposed));
}

/** A `{...}` literal or `Object.create(null)`: the objects a dataset element may nest, unlike class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
