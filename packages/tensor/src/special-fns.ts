/**
 * The less common scalar functions TensorFlow.js offers as ops (trigonometry, erf, step …), each with its exact
 * derivative. Re-exported by math-fns.ts, so they are part of the `mathFns` namespace.
 * @example mapUnary(tensor([0.5]), mathFns.erfFn) // → [0.5204999]
 */
import { binaryFn, unaryFn } from './scalar-fn.js';

export const tanFn = unaryFn({
  name: 'tan',
  f: (x) => Math.tan(x),
  df: (x) => {
    const c = Math.cos(x);
    return 1 / (c * c);
  },
});
export const asinFn = unaryFn({ name: 'asin', f: (x) => Math.asin(x), df: (x) => 1 / Math.sqrt(1 - x * x) });
export const acosFn = unaryFn({ name: 'acos', f: (x) => Math.acos(x), df: (x) => -1 / Math.sqrt(1 - x * x) });
export const atanFn = unaryFn({ name: 'atan', f: (x) => Math.atan(x), df: (x) => 1 / (1 + x * x) });
export const sinhFn = unaryFn({ name: 'sinh', f: (x) => Math.sinh(x), df: (x) => Math.cosh(x) });
export const coshFn = unaryFn({ name: 'cosh', f: (x) => Math.cosh(x), df: (x) => Math.sinh(x) });
export const asinhFn = unaryFn({ name: 'asinh', f: (x) => Math.asinh(x), df: (x) => 1 / Math.sqrt(x * x + 1) });
export const acoshFn = unaryFn({ name: 'acosh', f: (x) => Math.acosh(x), df: (x) => 1 / Math.sqrt(x * x - 1) });
export const atanhFn = unaryFn({ name: 'atanh', f: (x) => Math.atanh(x), df: (x) => 1 / (1 - x * x) });

/**
 * The error function. Below |x| = 0.25 its Taylor series to x¹¹ (error < 1e−12, and no cancellation near 0);
 * above, 1 − erfc(|x|) with Numerical Recipes' `erfcc` fit (relative error of erfc < 1.2e−7), the fit the exact
 * GELU uses too. ±∞ give ±1 (t = 0 there, so e = 0, never ∞·0); NaN gives NaN.
 */
export const erfFn = unaryFn({
  name: 'erf',
  f: (x) => {
    const z = Math.abs(x);
    const x2 = x * x;
    const t = 1 / (1 + 0.5 * z);
    const e =
      t *
      Math.exp(
        -z * z -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t *
                        (-0.18628806 +
                          t *
                            (0.27886807 +
                              t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
    const series =
      x *
      (1.1283791670955126 +
        x2 *
          (-0.37612638903183754 +
            x2 *
              (0.11283791670955126 +
                x2 * (-0.026866170645131252 + x2 * (0.005223977625442188 - x2 * 0.0008548327023450852)))));
    return z < 0.25 ? series : x >= 0 ? 1 - e : e - 1;
  },
  // 2/√π · e^(−x²)
  df: (x) => 1.1283791670955126 * Math.exp(-x * x),
});

/** TensorFlow.js's `step`: 1 for x > 0, `a` (alpha) otherwise; NaN stays NaN. Piecewise constant: no gradient. */
export const stepFn = unaryFn({ name: 'step', f: (x, a) => (x > 0 ? 1 : x !== x ? x : a) });
export const isInfFn = unaryFn({ name: 'isInf', f: (x) => (x === Infinity || x === -Infinity ? 1 : 0), out: 'bool' });
/** log σ(x) = −softplus(−x), finite for every finite x. */
export const logSigmoidFn = unaryFn({
  name: 'logSigmoid',
  f: (x) => -(Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)))),
  // 1 − σ(x) = σ(−x), evaluated on the side that cannot overflow.
  df: (x) => (x >= 0 ? Math.exp(-x) / (1 + Math.exp(-x)) : 1 / (1 + Math.exp(x))),
});

/** atan2(y, x) elementwise (the first operand is y, as Math.atan2 and TensorFlow.js). */
export const atan2Fn = binaryFn({
  name: 'atan2',
  f: (y, x) => Math.atan2(y, x),
  dfdx: (y, x) => x / (x * x + y * y),
  dfdy: (y, x) => -y / (x * x + y * y),
  out: 'float32',
});
/** x / y, and 0 wherever y is 0 (TensorFlow.js's `divNoNan`). */
export const divNoNanFn = binaryFn({
  name: 'divNoNan',
  f: (x, y) => (y === 0 ? 0 : x / y),
  dfdx: (_x, y) => (y === 0 ? 0 : 1 / y),
  dfdy: (x, y) => (y === 0 ? 0 : -x / (y * y)),
  out: 'float32',
});
