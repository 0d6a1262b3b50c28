/**
 * The built-in scalar functions behind the elementwise ops (exported as the `mathFns` namespace), for use with
 * `mapUnary`/`mapBinary` and by backends and the conformance suite. Each carries its exact derivative.
 * @example mapUnary(tensor([0, 1]), mathFns.expFn) // [1, e]
 */
import { binaryFn, unaryFn } from './scalar-fn.js';

export * from './special-fns.js';

// Unary math. Each derivative is exact and written beside its function.
export const negFn = unaryFn({ name: 'neg', f: (x) => -x, df: () => -1, out: 'same' });
export const absFn = unaryFn({
  name: 'abs',
  f: (x) => Math.abs(x),
  df: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  out: 'same',
});
export const expFn = unaryFn({ name: 'exp', f: (x) => Math.exp(x), df: (x) => Math.exp(x) });
export const expm1Fn = unaryFn({ name: 'expm1', f: (x) => Math.expm1(x), df: (x) => Math.exp(x) });
export const logFn = unaryFn({ name: 'log', f: (x) => Math.log(x), df: (x) => 1 / x });
export const log1pFn = unaryFn({ name: 'log1p', f: (x) => Math.log1p(x), df: (x) => 1 / (1 + x) });
export const sqrtFn = unaryFn({ name: 'sqrt', f: (x) => Math.sqrt(x), df: (x) => 0.5 / Math.sqrt(x) });
export const rsqrtFn = unaryFn({ name: 'rsqrt', f: (x) => 1 / Math.sqrt(x), df: (x) => -0.5 / (x * Math.sqrt(x)) });
export const squareFn = unaryFn({ name: 'square', f: (x) => x * x, df: (x) => 2 * x, out: 'same' });
export const reciprocalFn = unaryFn({ name: 'reciprocal', f: (x) => 1 / x, df: (x) => -1 / (x * x) });
export const signFn = unaryFn({ name: 'sign', f: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), out: 'same' });
export const floorFn = unaryFn({ name: 'floor', f: (x) => Math.floor(x), out: 'same' });
export const ceilFn = unaryFn({ name: 'ceil', f: (x) => Math.ceil(x), out: 'same' });
/** Rounds half to even, as NumPy and TensorFlow do. */
export const roundFn = unaryFn({
  name: 'round',
  f: (x) => {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  out: 'same',
});
export const sinFn = unaryFn({ name: 'sin', f: (x) => Math.sin(x), df: (x) => Math.cos(x) });
export const cosFn = unaryFn({ name: 'cos', f: (x) => Math.cos(x), df: (x) => -Math.sin(x) });
export const tanhFn = unaryFn({
  name: 'tanh',
  f: (x) => Math.tanh(x),
  // sech²(x), not 1 − tanh²(x): the latter rounds to exactly 0 from |x| ≈ 19 on, where the true value is ~1e-16.
  df: (x) => {
    const c = Math.cosh(x);
    return 1 / (c * c);
  },
});
/** Logistic sigmoid, evaluated on the side that cannot overflow. */
export const sigmoidFn = unaryFn({
  name: 'sigmoid',
  f: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  // e^−|x| / (1 + e^−|x|)², not s·(1 − s): the latter rounds to 0 once s rounds to 1 (x > 37).
  df: (x) => {
    const e = Math.exp(-Math.abs(x));
    return e / ((1 + e) * (1 + e));
  },
});
/** log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|). */
export const softplusFn = unaryFn({
  name: 'softplus',
  f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  df: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
});
/** clip(x, a, b); the gradient passes where a <= x <= b, as in TensorFlow. */
export const clipFn = unaryFn({
  name: 'clip',
  f: (x, a, b) => (x < a ? a : x > b ? b : x),
  df: (x, a, b) => (x >= a && x <= b ? 1 : 0),
  out: 'same',
});
export const isNaNFn = unaryFn({ name: 'isNaN', f: (x) => (x !== x ? 1 : 0), out: 'bool' });
export const isFiniteFn = unaryFn({ name: 'isFinite', f: (x) => (Number.isFinite(x) ? 1 : 0), out: 'bool' });
export const logicalNotFn = unaryFn({ name: 'logicalNot', f: (x) => (x ? 0 : 1), out: 'bool' });

// Binary arithmetic.
export const addFn = binaryFn({ name: 'add', f: (x, y) => x + y, dfdx: () => 1, dfdy: () => 1, out: 'promote' });
export const subFn = binaryFn({ name: 'sub', f: (x, y) => x - y, dfdx: () => 1, dfdy: () => -1, out: 'promote' });
export const mulFn = binaryFn({ name: 'mul', f: (x, y) => x * y, dfdx: (_x, y) => y, dfdy: (x) => x, out: 'promote' });
export const divFn = binaryFn({
  name: 'div',
  f: (x, y) => x / y,
  dfdx: (_x, y) => 1 / y,
  dfdy: (x, y) => -x / (y * y),
  out: 'float32',
});
/** x^y; d/dy uses log(x), defined as 0 where x = 0 so that 0^y keeps a finite gradient. */
export const powFn = binaryFn({
  name: 'pow',
  f: (x, y) => Math.pow(x, y),
  dfdx: (x, y) => (y === 0 ? 0 : y * Math.pow(x, y - 1)),
  dfdy: (x, y) => (x > 0 ? Math.pow(x, y) * Math.log(x) : 0),
  out: 'promote',
});
/** Ties send the gradient to x, as TensorFlow does. */
export const maximumFn = binaryFn({
  name: 'maximum',
  f: (x, y) => (x >= y || x !== x ? x : y),
  dfdx: (x, y) => (x >= y ? 1 : 0),
  dfdy: (x, y) => (x >= y ? 0 : 1),
  out: 'promote',
});
export const minimumFn = binaryFn({
  name: 'minimum',
  f: (x, y) => (x <= y || x !== x ? x : y),
  dfdx: (x, y) => (x <= y ? 1 : 0),
  dfdy: (x, y) => (x <= y ? 0 : 1),
  out: 'promote',
});
export const squaredDifferenceFn = binaryFn({
  name: 'squaredDifference',
  f: (x, y) => (x - y) * (x - y),
  dfdx: (x, y) => 2 * (x - y),
  dfdy: (x, y) => 2 * (y - x),
  out: 'promote',
});
/** Floor modulo: the result has the sign of the divisor, as in Python and TensorFlow. */
export const modFn = binaryFn({
  name: 'mod',
  f: (x, y) => x - y * Math.floor(x / y),
  dfdx: () => 1,
  dfdy: (x, y) => -Math.floor(x / y),
  out: 'promote',
});
export const floorDivFn = binaryFn({ name: 'floorDiv', f: (x, y) => Math.floor(x / y), out: 'promote' });

// Comparisons and logic: bool results, no gradient.
export const equalFn = binaryFn({ name: 'equal', f: (x, y) => (x === y ? 1 : 0), out: 'bool' });
export const notEqualFn = binaryFn({ name: 'notEqual', f: (x, y) => (x !== y ? 1 : 0), out: 'bool' });
export const lessFn = binaryFn({ name: 'less', f: (x, y) => (x < y ? 1 : 0), out: 'bool' });
export const lessEqualFn = binaryFn({ name: 'lessEqual', f: (x, y) => (x <= y ? 1 : 0), out: 'bool' });
export const greaterFn = binaryFn({ name: 'greater', f: (x, y) => (x > y ? 1 : 0), out: 'bool' });
export const greaterEqualFn = binaryFn({ name: 'greaterEqual', f: (x, y) => (x >= y ? 1 : 0), out: 'bool' });
export const logicalAndFn = binaryFn({ name: 'logicalAnd', f: (x, y) => (x && y ? 1 : 0), out: 'bool' });
export const logicalOrFn = binaryFn({ name: 'logicalOr', f: (x, y) => (x || y ? 1 : 0), out: 'bool' });
export const logicalXorFn = binaryFn({
  name: 'logicalXor',
  f: (x, y) => ((x ? 1 : 0) !== (y ? 1 : 0) ? 1 : 0),
  out: 'bool',
});
