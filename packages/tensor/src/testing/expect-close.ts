import { fmtShape } from '../errors.js';
import { shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';

/** A tolerance: one number for both parts, or relative and absolute parts separately. */
export type Tolerance = number | { readonly rtol?: number; readonly atol?: number };

/** Values `expectClose` accepts: a tensor (shape checked too), a typed or plain array, or one number. */
export type Comparable = Tensor | ArrayLike<number | boolean> | number;

/** Thrown by {@link expectClose}; test runners report it like any failed assertion. @example
 * let thrown: unknown;
 * try {
 *   expectClose([1], [2]);
 * } catch (err) {
 *   thrown = err;
 * }
 * thrown instanceof CloseAssertionError; // → true
 */
export class CloseAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloseAssertionError';
  }
}

function parts(tol: Tolerance): { rtol: number; atol: number } {
  if (typeof tol === 'number') return { rtol: tol, atol: tol };
  return { rtol: tol.rtol ?? 0, atol: tol.atol ?? 0 };
}

function flat(x: Comparable): ArrayLike<number | boolean> {
  if (x instanceof Tensor) return x.dataSync();
  if (typeof x === 'number') return [x];
  return x;
}

/**
 * Whether `actual` is within `atol + rtol·|expected|` of `expected`. NaN matches only NaN and an infinity only
 * the same infinity, so that non-finite results are compared exactly rather than silently passing.
 * @example isClose(0.1 + 0.2, 0.3, 1e-9, 0) // → true
 */
export function isClose(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/**
 * Asserts that two tensors or arrays hold the same values up to `tol` (elementwise
 * `|actual − expected| <= atol + rtol·|expected|`); tensors must also have equal shapes. Throws a
 * {@link CloseAssertionError} naming the worst element, so it works with any test runner.
 *
 * @example
 * expectClose(tensor([0.1 + 0.2]), [0.3], 1e-6);
 * expectClose(softmax(tensor([1, 2, 3])), [0.09, 0.24, 0.67], { rtol: 0, atol: 1e-2 });
 */
export function expectClose(
  actual: Comparable,
  expected: Comparable,
  tol: Tolerance = 1e-5,
  label = 'expectClose',
): void {
  if (actual instanceof Tensor && expected instanceof Tensor && !shapesEqual(actual.shape, expected.shape)) {
    throw new CloseAssertionError(
      `${label}: shapes differ: actual ${fmtShape(actual.shape)}, expected ${fmtShape(expected.shape)}`,
    );
  }
  const a = flat(actual);
  const e = flat(expected);
  if (a.length !== e.length) {
    throw new CloseAssertionError(`${label}: lengths differ: actual has ${a.length} values, expected ${e.length}`);
  }
  const { rtol, atol } = parts(tol);
  let bad = 0;
  let worst = -1;
  let worstExcess = -Infinity;
  for (let i = 0; i < e.length; i++) {
    const av = Number(a[i]);
    const ev = Number(e[i]);
    if (isClose(av, ev, rtol, atol)) continue;
    bad++;
    // Rank mismatches by how far past the allowed band they fall; non-finite mismatches rank first.
    const excess = Number.isFinite(av - ev) ? Math.abs(av - ev) - (atol + rtol * Math.abs(ev)) : Infinity;
    if (excess > worstExcess || worst < 0) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (bad > 0) {
    const av = Number(a[worst]);
    const ev = Number(e[worst]);
    throw new CloseAssertionError(
      `${label}: ${bad} of ${e.length} values differ beyond rtol ${rtol}, atol ${atol}; worst at index ${worst}: ` +
        `actual ${av}, expected ${ev} (|diff| ${Math.abs(av - ev)})`,
    );
  }
}
