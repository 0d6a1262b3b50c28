/**
 * Every error Rectify throws on bad input extends {@link RectifyError}, so callers can catch the family at once
 * and still tell a shape problem from a dtype problem. Messages name the op, what it received and what it expected.
 */
export class RectifyError extends Error {
  // Spelled out rather than read from `new.target.name`: minifiers rename classes, and `ShapeError: …` must
  // survive bundling. Subclasses elsewhere set their own.
  override name = 'RectifyError';
}

/** Shapes that cannot work together: `matmul: inner dimensions differ: [2,3] x [4,5] (3 != 4)`. */
export class ShapeError extends RectifyError {
  override name = 'ShapeError';
}

/** A dtype the op does not accept, e.g. `argmax` on a bool tensor. */
export class DTypeError extends RectifyError {
  override name = 'DTypeError';
}

/** An argument outside its allowed range: a negative size, an axis out of bounds, an unknown option value. */
export class ValueError extends RectifyError {
  override name = 'ValueError';
}

/** A backend problem: unknown backend name, a tensor used after `dispose()`, a backend that failed to load. */
export class BackendError extends RectifyError {
  override name = 'BackendError';
}

/** Formats a shape the way messages print it. @example fmtShape([2, 3]) // '[2,3]' */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
