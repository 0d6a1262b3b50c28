import { describe, expect, it } from 'vitest';
import { ValueError, isBinaryFn, mathFns } from '@rectify/tensor';
import { scalarFunction } from '../src/scalar/scalar-source.js';

type Fn = (...args: number[]) => number;

/** Compiles printed source back into JavaScript, to check it computes what the original does. */
function evalPrinted(source: string): Fn {
  return new Function(`return (${source});`)() as Fn;
}

const SPECIAL = [
  0,
  -0,
  1e-30,
  -1e-30,
  1e30,
  -1e30,
  88,
  -88,
  0.5,
  -0.5,
  1.5,
  2.5,
  -2.5,
  3,
  -3,
  1,
  -1,
  NaN,
  Infinity,
  -Infinity,
];

function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b) || (a === b && a === 0) || (Number.isNaN(a) && Number.isNaN(b));
}

describe('scalarFunction: the printed source', () => {
  it('turns an arrow into a named helper with every parameter, padding the missing ones', () => {
    expect(scalarFunction((x) => (x > 0 ? x : 0), 'rfF', 3, 'relu.f', 'js').source).toBe(
      'function rfF(x, rfUnused1, rfUnused2) {\nreturn ((x > 0) ? x : 0);\n}',
    );
    expect(scalarFunction(() => -1, 'rfF', 3, 'neg.df', 'js').source).toBe(
      'function rfF(rfUnused0, rfUnused1, rfUnused2) {\nreturn (-1);\n}',
    );
  });

  it('types every argument and the result as Number, so gpu.js never infers integers', () => {
    expect(scalarFunction((x, y) => x * y, 'rfF', 2, 'mul.f', 'js').settings).toEqual({
      argumentTypes: ['Number', 'Number'],
      returnType: 'Number',
    });
  });

  it('reads method shorthand, function expressions and minified arrows', () => {
    const method = {
      f(x: number) {
        return x * 2;
      },
    }.f;
    expect(scalarFunction(method, 'rfF', 1, 'double.f', 'js').source).toBe('function rfF(x) {\nreturn (x * 2);\n}');
    const minified = new Function('return x=>x>0?x:0')() as Fn;
    expect(scalarFunction(minified, 'rfF', 1, 'relu.f', 'js').source).toBe(
      'function rfF(x) {\nreturn ((x > 0) ? x : 0);\n}',
    );
    const fnExpr = function (x: number, y: number) {
      return x - y;
    };
    expect(scalarFunction(fnExpr, 'rfF', 2, 'sub.f', 'js').source).toBe('function rfF(x, y) {\nreturn (x - y);\n}');
  });

  it('keeps block bodies: declarations, assignments, if/else, and spreads Math.max over two arguments at a time', () => {
    const f = (x: number) => {
      const t = Math.max(x, 1, 2);
      let u = t;
      u += 1;
      if (u > 3) return u;
      return -u;
    };
    const printed = scalarFunction(f, 'rfF', 1, 'block.f', 'js').source;
    expect(printed).toContain('const t = Math.max(Math.max(x, 1), 2);');
    expect(printed).toContain('u += 1;');
    for (const x of [-5, 0, 1.5, 2, 7]) expect(evalPrinted(printed)(x)).toBe(f(x));
  });

  it('makes truthiness explicit: numbers as conditions compare with 0 (NaN is falsy), operators || && keep their operand values', () => {
    expect(scalarFunction((x, y) => (x && y ? 1 : 0), 'rfF', 2, 'and.f', 'js').source).toBe(
      'function rfF(x, y) {\nreturn (((x !== 0 && x === x) && (y !== 0 && y === y)) ? 1 : 0);\n}',
    );
    const orValue = (x: number) => x || 0.5;
    const printed = evalPrinted(scalarFunction(orValue, 'rfF', 1, 'or.f', 'js').source);
    for (const x of [0, -0, NaN, 2, -3]) expect(sameNumber(printed(x), orValue(x))).toBe(true);
  });

  it('rewrites Number.isFinite and isNaN, which gpu.js does not know, as comparisons', () => {
    expect(scalarFunction((x) => (Number.isFinite(x) ? 1 : 0), 'rfF', 1, 'isFinite.f', 'js').source).toBe(
      'function rfF(x) {\nreturn ((Math.abs(x) <= 3.4028234663852886e+38) ? 1 : 0);\n}',
    );
    const isNan = evalPrinted(scalarFunction((x) => (Number.isNaN(x) ? 1 : 0), 'rfF', 1, 'nan.f', 'js').source);
    expect([NaN, 0, Infinity].map((v) => isNan(v))).toEqual([1, 0, 0]);
  });

  it('routes the Math functions GLSL gets wrong to accurate helpers on the gl target, and reports them', () => {
    const gl = scalarFunction((x) => Math.tanh(x) ** 2 + Math.abs(x), 'rfF', 1, 'f', 'gl');
    expect(gl.source).toBe('function rfF(x) {\nreturn (rfPow(rfTanh(x), 2) + Math.abs(x));\n}');
    expect(gl.helpers).toEqual(['rfTanh', 'rfPow']);
    const js = scalarFunction((x) => Math.tanh(x) ** 2 + Math.abs(x), 'rfF', 1, 'f', 'js');
    expect(js.source).toBe('function rfF(x) {\nreturn (Math.pow(Math.tanh(x), 2) + Math.abs(x));\n}');
    expect(js.helpers).toEqual([]);
    expect(scalarFunction((x) => (x < Infinity ? x : 0), 'rfF', 1, 'f', 'gl').source).toContain('(x < rfInf())');
  });

  it('clamps literals beyond float32 to its largest finite / smallest normal value instead of ±Infinity / 0', () => {
    // relu's derivative in @rectify/activations: 1 − 1/(1 + (x + |x|)·1e300·1e300), exactly 0 or 1 in float64.
    expect(scalarFunction((x) => x * 1e300 * -1e300 + 1e-300, 'rfF', 1, 'f', 'js').source).toBe(
      'function rfF(x) {\nreturn (((x * 3.4028234663852886e+38) * (-3.4028234663852886e+38)) + 1.1754943508222875e-38);\n}',
    );
  });

  it('prints Math constants as numbers', () => {
    expect(scalarFunction((x) => x * Math.PI, 'rfF', 1, 'f', 'js').source).toBe(
      'function rfF(x) {\nreturn (x * 3.141592653589793);\n}',
    );
  });

  it('an absent function (a piecewise-constant derivative) is the constant 0', () => {
    expect(scalarFunction(undefined, 'rfF', 2, 'floor.df', 'js').source).toBe(
      'function rfF(rfUnused0, rfUnused1) {\nreturn 0;\n}',
    );
  });
});

describe('scalarFunction: every built-in math function translates and means the same', () => {
  const parts = Object.values(mathFns).flatMap((fn) => {
    const f = fn as { name: string; f: Fn; df?: Fn; dfdx?: Fn; dfdy?: Fn };
    const binary = isBinaryFn(fn);
    return (binary ? (['f', 'dfdx', 'dfdy'] as const) : (['f', 'df'] as const))
      .filter((p) => f[p as keyof typeof f])
      .map((p) => ({ label: `${f.name}.${p}`, fn: f[p as keyof typeof f] as Fn, arity: binary ? 2 : 3 }));
  });

  it.each(parts)('$label', ({ label, fn, arity }) => {
    const printed = evalPrinted(scalarFunction(fn, 'rfF', arity, label, 'js').source);
    for (const x of SPECIAL) {
      for (const y of arity === 2 ? SPECIAL : [-0.5]) {
        const b = arity === 2 ? 0 : 0.5;
        const want = fn(x, y, b);
        const got = printed(x, y, b);
        if (!sameNumber(got, want)) throw new Error(`${label}(${x}, ${y}) printed gives ${got}, the original ${want}`);
      }
    }
  });
});

describe('scalarFunction: what cannot be translated fails with a message naming the function and the construct', () => {
  const k = 3;
  const cases: Array<[string, Fn, string]> = [
    [
      'a closure',
      (x) => x * k,
      "gpu: cannot translate 'f'.f for gpu.js: it refers to 'k', which is neither a parameter nor a local (closures and helper calls are not supported)",
    ],
    [
      'a helper call',
      (x) => Math.random() * x,
      "gpu: cannot translate 'f'.f for gpu.js: Math.random is not supported (at character 7)",
    ],
    [
      'a default parameter',
      (x = 1) => x,
      "gpu: cannot translate 'f'.f for gpu.js: parameters must be plain names (no defaults, destructuring or rest), received a AssignmentPattern",
    ],
    [
      'too many parameters',
      ((x: number, y: number, z: number) => x + y + z) as Fn,
      "gpu: cannot translate 'f'.f for gpu.js: it takes 3 parameters, at most 2 are passed",
    ],
  ];
  it.each(cases)('%s', (_, fn, message) => {
    const arity = message.includes('at most 2') ? 2 : 1;
    expect(() => scalarFunction(fn, 'rfF', arity, "'f'.f", 'js')).toThrow(new ValueError(message));
  });

  it('loops', () => {
    const loop = (x: number) => {
      let s = 0;
      for (let i = 0; i < 3; i++) s += x;
      return s;
    };
    expect(() => scalarFunction(loop, 'rfF', 1, "'f'.f", 'js')).toThrow(
      /^gpu: cannot translate 'f'.f for gpu.js: a ForStatement \(loops and other statements\) is not supported/,
    );
  });

  it('something that is not a function expression', () => {
    const notFn = { toString: () => 'class A {}' } as unknown as Fn;
    expect(() => scalarFunction(notFn, 'rfF', 1, "'f'.f", 'js')).toThrow(
      new ValueError("gpu: cannot translate 'f'.f for gpu.js: its source is not a function expression: class A {}"),
    );
  });
});
