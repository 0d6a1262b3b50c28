/**
 * Replacements for the `Math` functions whose GLSL built-ins do not give JavaScript's answers. GLSL leaves
 * `log(x <= 0)` and `pow(x < 0, y)` undefined (drivers return log|x|, |x|^y), `max`/`min` may drop NaN, the
 * built-in `tanh` overflows to NaN past |x| ≈ 44 on some drivers, `sin`/`cos` may be as coarse as 2⁻¹¹
 * (SwiftShader: 1.4e-4), gpu.js's `expm1` and `log1p` are `exp(x) − 1` and `log(1 + x)` (no digits left near 0),
 * and NaN can come out of `exp` as Infinity. These helpers are written in the same plain-JS subset as the scalar
 * functions and translated by gpu.js; they only use the built-ins where those are accurate.
 */

/**
 * Real IEEE infinities and NaNs (gpu.js itself writes `Infinity` as the largest float). GLSL ES 3.00 has
 * `intBitsToFloat`; GLSL ES 1.00 (WebGL 1, headless GL) gets them by dividing by a zero it cannot fold away.
 */
export function glNativeFunctions(
  mode: string,
): ReadonlyArray<{ name: string; source: string; settings: { returnType: 'Number' } }> {
  const es3 = mode === 'webgl2';
  return [
    {
      name: 'rfInf',
      source: `float rfInf() {\n  ${es3 ? 'return intBitsToFloat(2139095040);' : 'float z = 0.0;\n  return 1.0 / z;'}\n}`,
      settings: { returnType: 'Number' },
    },
    {
      name: 'rfNaN',
      source: `float rfNaN() {\n  ${es3 ? 'return intBitsToFloat(2143289344);' : 'float z = 0.0;\n  return z / z;'}\n}`,
      settings: { returnType: 'Number' },
    },
  ];
}

/** `Math.<name>` → helper name, on GL targets. */
export const GL_MATH_REPLACEMENTS: Readonly<Record<string, string>> = {
  sin: 'rfSin',
  cos: 'rfCos',
  tanh: 'rfTanh',
  exp: 'rfExp',
  expm1: 'rfExpm1',
  log: 'rfLog',
  log1p: 'rfLog1p',
  log2: 'rfLog2',
  log10: 'rfLog10',
  pow: 'rfPow',
  sqrt: 'rfSqrt',
  max: 'rfMax',
  min: 'rfMin',
  tan: 'rfTan',
  sinh: 'rfSinh',
  cosh: 'rfCosh',
  asinh: 'rfAsinh',
  acosh: 'rfAcosh',
  atanh: 'rfAtanh',
};

// Cody–Waite reduction by π/2 (three float32 parts, exact products for |k| < 2¹⁶) and Cephes' sinf/cosf
// polynomials on [−π/4, π/4]: about 1 ulp for |x| up to 1e5; beyond that the reduction loses every digit, and the
// built-in's answer (some value in [−1, 1]) is as good as any.
const REDUCE = `const k = Math.round(x * 0.6366197723675814);
  const r = ((x - k * 1.5703125) - k * 4.837512969970703125e-4) - k * 7.549789954891882e-8;
  const q = k - 4 * Math.floor(k * 0.25);
  const z = r * r;
  const s = r + r * z * (-0.16666654611 + z * (0.0083321608736 + z * -0.00019515295891));
  const c = 1 - 0.5 * z + z * z * (0.041666645683 + z * (-0.0013887316255 + z * 0.000024433157118));`;

/** Helper sources by name, with the helpers each one calls and the number of arguments it takes (default 1). */
export const GL_HELPERS: Readonly<
  Record<string, { readonly source: string; readonly uses: readonly string[]; readonly arity?: number }>
> = {
  rfSin: {
    uses: ['rfNaN'],
    source: `function rfSin(x) {
  if (!(Math.abs(x) <= 3.4028234663852886e38)) return rfNaN();
  if (Math.abs(x) > 100000) return Math.sin(x);
  ${REDUCE}
  if (q === 0) return s;
  if (q === 1) return c;
  if (q === 2) return -s;
  return -c;
}`,
  },
  rfCos: {
    uses: ['rfNaN'],
    source: `function rfCos(x) {
  if (!(Math.abs(x) <= 3.4028234663852886e38)) return rfNaN();
  if (Math.abs(x) > 100000) return Math.cos(x);
  ${REDUCE}
  if (q === 0) return c;
  if (q === 1) return -s;
  if (q === 2) return -c;
  return s;
}`,
  },
  // Taylor near 0 (relative error < 2e-9 below 0.125), (1 − e^−2|x|)/(1 + e^−2|x|) beyond, ±1 past float32's 1.
  rfTanh: {
    uses: [],
    source: `function rfTanh(x) {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax < 0.125) {
    const z = x * x;
    return x * (1 + z * (-0.3333333333333333 + z * (0.13333333333333333 + z * -0.05396825396825397)));
  }
  if (ax > 9.1) return x > 0 ? 1 : -1;
  const t = Math.exp(-2 * ax);
  const r = (1 - t) / (1 + t);
  return x > 0 ? r : -r;
}`,
  },
  rfExp: { uses: [], source: `function rfExp(x) {\n  return x !== x ? x : Math.exp(x);\n}` },
  // Taylor to x⁸/8! below 0.5: relative error < 1e-8.
  rfExpm1: {
    uses: ['rfExp'],
    source: `function rfExpm1(x) {
  if (Math.abs(x) < 0.5) {
    return x * (1 + x * (0.5 + x * (0.16666666666666666 + x * (0.041666666666666664 + x * (0.008333333333333333 + x * (0.001388888888888889 + x * (0.0001984126984126984 + x * 0.0000248015873015873)))))));
  }
  return rfExp(x) - 1;
}`,
  },
  rfLog: {
    uses: ['rfInf', 'rfNaN'],
    source: `function rfLog(x) {
  if (x > 0) return Math.log(x);
  if (x === 0) return -rfInf();
  return rfNaN();
}`,
  },
  // log1p(x) = 2·atanh(s), s = x / (2 + x), |s| <= 1/3 below |x| = 0.5: the series to s¹⁵ is within 2e-9.
  rfLog1p: {
    uses: ['rfInf', 'rfNaN'],
    source: `function rfLog1p(x) {
  if (x !== x || x < -1) return rfNaN();
  if (x === -1) return -rfInf();
  if (Math.abs(x) < 0.5) {
    const s = x / (2 + x);
    const z = s * s;
    return 2 * s * (1 + z * (0.3333333333333333 + z * (0.2 + z * (0.14285714285714285 + z * (0.1111111111111111 + z * (0.09090909090909091 + z * (0.07692307692307693 + z * 0.06666666666666667)))))));
  }
  return Math.log(1 + x);
}`,
  },
  rfLog2: { uses: ['rfLog'], source: `function rfLog2(x) {\n  return rfLog(x) * 1.4426950408889634;\n}` },
  rfLog10: { uses: ['rfLog'], source: `function rfLog10(x) {\n  return rfLog(x) * 0.4342944819032518;\n}` },
  // JavaScript's pow. Integer exponents multiply by squaring: exact wherever the result is an integer below 2²⁴
  // (GLSL's pow is exp2(y·log2 x): 5² came out 24.999998, truncated to 24 as int32) and the sign of a negative
  // base follows the exponent's parity. Other exponents need x > 0 (NaN otherwise, as in JavaScript).
  rfPow: {
    arity: 2,
    uses: ['rfInf', 'rfNaN'],
    source: `function rfPow(x, y) {
  if (y === 0) return 1;
  if (x !== x || y !== y) return rfNaN();
  if (Math.floor(y) === y && Math.abs(y) <= 16777216) {
    let n = Math.abs(y);
    let b = x;
    let r = 1;
    for (let i = 0; i < 25; i++) {
      if (n > 0) {
        const h = Math.floor(n * 0.5);
        if (n > 2 * h) {
          r = r * b;
        }
        b = b * b;
        n = h;
      }
    }
    return y < 0 ? 1 / r : r;
  }
  if (x > 0) return Math.pow(x, y);
  if (x === 0) return y > 0 ? 0 : rfInf();
  if (Math.floor(y) === y) return Math.pow(-x, y);
  return rfNaN();
}`,
  },
  // GLSL's max/min may drop a NaN (IEEE maxNum); JavaScript's propagate it: relu6(NaN) is NaN.
  rfMax: {
    arity: 2,
    uses: ['rfNaN'],
    source: `function rfMax(a, b) {
  if (a !== a || b !== b) return rfNaN();
  return Math.max(a, b);
}`,
  },
  rfMin: {
    arity: 2,
    uses: ['rfNaN'],
    source: `function rfMin(a, b) {
  if (a !== a || b !== b) return rfNaN();
  return Math.min(a, b);
}`,
  },
  // GLSL's tan has sin/cos's coarse reduction; its hyperbolic built-ins are undefined outside their domains (acosh
  // below 1, atanh beyond ±1: drivers return garbage, not NaN) and overflow in x² or eˣ long before the result does.
  rfTan: { uses: ['rfSin', 'rfCos'], source: `function rfTan(x) {\n  return rfSin(x) / rfCos(x);\n}` },
  rfSinh: {
    uses: ['rfExp', 'rfInf'],
    source: `function rfSinh(x) {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax > 89.5) return x > 0 ? rfInf() : -rfInf();
  if (ax < 0.125) {
    const z = x * x;
    return x * (1 + z * (0.16666666666666666 + z * (0.008333333333333333 + z * 0.0001984126984126984)));
  }
  const e = rfExp(ax);
  const r = 0.5 * (e - 1 / e);
  return x > 0 ? r : -r;
}`,
  },
  rfCosh: {
    uses: ['rfExp', 'rfInf'],
    source: `function rfCosh(x) {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax > 89.5) return rfInf();
  const e = rfExp(ax);
  return 0.5 * (e + 1 / e);
}`,
  },
  // asinh(x) = log1p(|x| + x²/(1 + √(1 + x²))), which keeps its digits near 0; log(2|x|) once x² would overflow.
  rfAsinh: {
    uses: ['rfLog', 'rfLog1p'],
    source: `function rfAsinh(x) {
  if (x !== x) return x;
  const ax = Math.abs(x);
  let r = 0;
  if (ax > 1e18) {
    r = rfLog(ax) + 0.6931471805599453;
  } else {
    r = rfLog1p(ax + (ax * ax) / (1 + Math.sqrt(1 + ax * ax)));
  }
  return x < 0 ? -r : r;
}`,
  },
  rfAcosh: {
    uses: ['rfLog', 'rfLog1p', 'rfNaN'],
    source: `function rfAcosh(x) {
  if (!(x >= 1)) return rfNaN();
  if (x > 1e18) return rfLog(x) + 0.6931471805599453;
  const t = x - 1;
  return rfLog1p(t + Math.sqrt(t * (x + 1)));
}`,
  },
  rfAtanh: {
    uses: ['rfLog1p', 'rfInf', 'rfNaN'],
    source: `function rfAtanh(x) {
  if (!(Math.abs(x) <= 1)) return rfNaN();
  if (x === 1) return rfInf();
  if (x === -1) return -rfInf();
  return 0.5 * rfLog1p((2 * x) / (1 - x));
}`,
  },
  rfSqrt: {
    uses: ['rfNaN'],
    source: `function rfSqrt(x) {
  if (x >= 0) return Math.sqrt(x);
  return rfNaN();
}`,
  },
};

/** `names` and everything they call, helpers before their callers; native names are left out. */
export function glHelperClosure(names: Iterable<string>): string[] {
  const out: string[] = [];
  const visit = (n: string): void => {
    const h = GL_HELPERS[n];
    if (!h || out.includes(n)) return;
    for (const u of h.uses) visit(u);
    out.push(n);
  };
  for (const n of names) visit(n);
  return out;
}
