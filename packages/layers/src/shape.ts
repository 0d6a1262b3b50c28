import { ShapeError } from '@rectify/tensor';

/** A layer-level shape: `null` marks a dimension unknown until run time (the batch, like Keras' `None`). */
export type Shape = readonly (number | null)[];

/** Formats a shape as messages print it. @example fmtShape([null, 784]); // '[null,784]' */
export function fmtShape(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(',')}]`;
}

/** True when `s` is a list of shapes rather than one shape (an empty shape counts as one shape). */
export function isShapeList(s: Shape | readonly Shape[]): s is readonly Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

/** The single shape of a one-input layer; a list is an error naming the layer. */
export function singleShape(layer: string, s: Shape | readonly Shape[]): Shape {
  if (isShapeList(s)) {
    if (s.length !== 1) throw new ShapeError(`${layer}: expected a single input, received ${s.length} inputs`);
    return s[0]!;
  }
  return s;
}

/** The size of `axis` (negative counts from the end), which must be known: weights are sized by it. */
export function knownDim(layer: string, shape: Shape, axis: number): number {
  const d = shape[axis < 0 ? shape.length + axis : axis];
  if (typeof d !== 'number') {
    const where = axis === -1 ? 'the last dimension' : `dimension ${axis}`;
    throw new ShapeError(
      `${layer}: ${where} of the input must be known to build the layer, received shape ${fmtShape(shape)}`,
    );
  }
  return d;
}

/** The product of the dimensions, or null when one is unknown. */
export function sizeOrNull(dims: Shape): number | null {
  let n = 1;
  for (const d of dims) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}
