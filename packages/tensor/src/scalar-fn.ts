/**
 * Elementwise math is written once, as scalar functions, and each backend compiles them into its own fused loop
 * or GPU kernel. Functions must stay inside the plain-JS subset gpu.js can translate: arithmetic, ternaries,
 * `Math.*`, numeric literals, the arguments — no closures over outer variables, no calls to other helpers.
 */

/** A unary elementwise function with up to two numeric parameters (an activation's alpha, clip's bounds). */
export interface UnaryFn {
  readonly name: string;
  readonly f: (x: number, a: number, b: number) => number;
  /** Exact derivative d f / d x. Absent means the function is piecewise constant: its gradient is zero. */
  readonly df?: (x: number, a: number, b: number) => number;
  /**
   * Whether df(f(x)) = df(x) for every x with these parameters — true of ReLU-like functions whose pieces keep
   * their sign. Then a gradient can read the derivative off the output, which it holds anyway, instead of keeping
   * or recomputing the input (a layer's pre-activation).
   */
  readonly dfAtOutput?: (a: number, b: number) => boolean;
  /** Result dtype: `float32` (default) computes in float; `same` keeps the input's dtype; `bool` gives 0/1. */
  readonly out?: 'float32' | 'same' | 'bool';
}

/** A binary elementwise function, broadcast NumPy-style by every backend. */
export interface BinaryFn {
  readonly name: string;
  readonly f: (x: number, y: number) => number;
  /** Partial derivatives; absent on comparisons and logical ops, which have no gradient. */
  readonly dfdx?: (x: number, y: number) => number;
  readonly dfdy?: (x: number, y: number) => number;
  /** `promote` follows NumPy's promotion of the two input dtypes; `float32` always floats; `bool` gives 0/1. */
  readonly out: 'promote' | 'float32' | 'bool';
}

const unaryFns = new WeakSet<UnaryFn>();
const binaryFns = new WeakSet<BinaryFn>();

/** Freezes and registers a unary function. @example const half = unaryFn({ name: 'half', f: (x) => x / 2, df: () => 0.5 }); */
export function unaryFn(def: UnaryFn): UnaryFn {
  const fn = Object.freeze(def);
  unaryFns.add(fn);
  return fn;
}

/** Freezes and registers a binary function. @example binaryFn({ name: 'hypot', f: (x, y) => Math.sqrt(x * x + y * y), out: 'float32' }) */
export function binaryFn(def: BinaryFn): BinaryFn {
  const fn = Object.freeze(def);
  binaryFns.add(fn);
  return fn;
}

/** Whether `x` was made by {@link unaryFn} (a unary and a binary function can look alike structurally). @example isUnaryFn(mathFns.expFn) // true */
export function isUnaryFn(x: unknown): x is UnaryFn {
  return typeof x === 'object' && x !== null && unaryFns.has(x as UnaryFn);
}

/** Whether `x` was made by {@link binaryFn}. @example isBinaryFn(mathFns.addFn) // true */
export function isBinaryFn(x: unknown): x is BinaryFn {
  return typeof x === 'object' && x !== null && binaryFns.has(x as BinaryFn);
}
