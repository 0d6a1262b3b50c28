import type { DType } from '../../dtype.js';
import { engine } from '../../engine.js';
import * as mathFns from '../../math-fns.js';
import { tensor } from '../../ops/convert.js';
import { type BinaryFn, type UnaryFn, isBinaryFn, isUnaryFn } from '../../scalar-fn.js';
import { upcast } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { type ConformanceCase, type InputKind, input, kase, sh } from '../case.js';

/** A unary function to check, with the parameters `a`, `b` it is run with. */
export interface UnaryCheck {
  readonly fn: UnaryFn;
  readonly a?: number;
  readonly b?: number;
}

const POSITIVE_DOMAIN = new Set(['log', 'log1p', 'sqrt', 'rsqrt']);
const NONZERO_DOMAIN = new Set(['reciprocal']);
const PARAMS: Readonly<Record<string, readonly [number, number]>> = { clip: [-0.5, 0.5] };

/**
 * Zeros of both signs, tiny and huge values (3e38, where x + |x| overflows float32), overflow thresholds, halves
 * (rounding) and the non-finite values.
 */
const SPECIAL = [
  0,
  -0,
  1e-30,
  -1e-30,
  1e30,
  -1e30,
  3e38,
  -3e38,
  88,
  -88,
  100,
  -100,
  0.5,
  -0.5,
  1.5,
  2.5,
  -2.5,
  NaN,
  Infinity,
  -Infinity,
];
/**
 * The tails, compared in relative terms only (see ConformanceOptions.tailTolerance): there results such as
 * gelu(−12) ≈ 2e−32 are far below any absolute tolerance, so only a relative check sees a kernel that is off by
 * 1e−5 of the value (a float32 exponent near −70 holds only ~2e−6 of it unless the kernel compensates).
 */
const TAILS = [-12, -11, -9.5, -8, -6.5, -5, -3, 3, 5, 8, 11, 12];

const builtinUnary: readonly UnaryCheck[] = Object.values(mathFns)
  .filter(isUnaryFn)
  .map((fn) => ({ fn, a: PARAMS[fn.name]?.[0] ?? 0, b: PARAMS[fn.name]?.[1] ?? 0 }));

export const builtinBinary: readonly BinaryFn[] = Object.values(mathFns).filter(isBinaryFn);

function unaryDomain(fn: UnaryFn, integer: boolean): InputKind {
  if (fn.name === 'logicalNot') return 'bool';
  if (POSITIVE_DOMAIN.has(fn.name)) return integer ? 'posInt' : 'positive';
  if (NONZERO_DOMAIN.has(fn.name)) return integer ? 'nonzeroInt' : 'nonzero';
  return integer ? 'int' : 'normal';
}

const UNARY_SHAPES = [[7, 13], [784], [1], [], [0, 3], [2, 3, 5]];

function unaryRun(c: UnaryCheck, kind: InputKind, seed: number): Tensor[] {
  return UNARY_SHAPES.map((shape, i) =>
    engine.runKernel('unary', [input(shape, seed + i, kind)], { fn: c.fn, a: c.a ?? 0, b: c.b ?? 0 }),
  );
}

function unaryCases(checks: readonly UnaryCheck[]): ConformanceCase[] {
  return checks.flatMap((c, k) => {
    const name = `unary/${c.fn.name}`;
    const ab = { a: c.a ?? 0, b: c.b ?? 0 };
    return [
      kase(`${name} float32 ${UNARY_SHAPES.map(sh).join(' ')}`, () =>
        unaryRun(c, unaryDomain(c.fn, false), 100 + 10 * k),
      ),
      kase(`${name} int32 input`, () => unaryRun(c, unaryDomain(c.fn, true), 500 + 10 * k)),
      kase(`${name} special values`, () => engine.runKernel('unary', [tensor(SPECIAL)], { fn: c.fn, ...ab })),
      {
        ...kase(`${name} tails (relative)`, () => engine.runKernel('unary', [tensor(TAILS)], { fn: c.fn, ...ab })),
        relative: true,
      },
    ];
  });
}

function unaryGradCases(checks: readonly UnaryCheck[]): ConformanceCase[] {
  const withDf = checks.filter((c) => c.fn.df);
  const cases = withDf.map((c, k) =>
    kase(`unaryGrad/${c.fn.name} [7,13] [784] [] [0]`, () =>
      [[7, 13], [784], [], [0]].map((shape, i) => {
        const x = input(shape, 900 + 10 * k + i, unaryDomain(c.fn, false));
        return engine.runKernel('unaryGrad', [x, input(shape, 1900 + 10 * k + i)], {
          fn: c.fn,
          a: c.a ?? 0,
          b: c.b ?? 0,
        });
      }),
    ),
  );
  // A function without `df` is piecewise constant: its gradient kernel must give zeros, not NaN or dy.
  cases.push(
    kase('unaryGrad/floor (no df: zeros)', () =>
      engine.runKernel('unaryGrad', [input([7, 13], 41), input([7, 13], 42)], { fn: mathFns.floorFn, a: 0, b: 0 }),
    ),
  );
  return cases;
}

/** Broadcast patterns: equal, scalar both ways, row, outer, rank mismatch, size 1, empty, long. */
const BROADCAST: ReadonlyArray<readonly [readonly number[], readonly number[]]> = [
  [
    [7, 13],
    [7, 13],
  ],
  [[7, 13], []],
  [[], [7, 13]],
  [[7, 13], [13]],
  [
    [7, 1],
    [1, 13],
  ],
  [[31], [2, 3, 31]],
  [
    [3, 1],
    [2, 1, 5],
  ],
  [[1], [5, 1]],
  [[0, 3], [3]],
  [[0], []],
  [[784], [784]],
];

function binaryKinds(fn: BinaryFn): ReadonlyArray<readonly [InputKind, InputKind]> {
  if (fn.name.startsWith('logical')) return [['bool', 'bool']];
  if (fn.name === 'mod' || fn.name === 'floorDiv')
    return [
      ['rounded', 'nonzeroInt'],
      ['int', 'nonzeroInt'],
    ];
  if (fn.name === 'pow')
    return [
      ['positive', 'normal'],
      ['posInt', 'posInt'],
    ];
  if (fn.name === 'div')
    return [
      ['normal', 'nonzero'],
      ['int', 'nonzeroInt'],
    ];
  if (fn.out === 'bool')
    return [
      ['rounded', 'rounded'],
      ['int', 'int'],
      ['int', 'rounded'],
    ];
  return [
    ['normal', 'normal'],
    ['int', 'int'],
    ['int', 'normal'],
    ['bool', 'bool'],
  ];
}

function resultDType(fn: BinaryFn, a: DType, b: DType): DType {
  return fn.out === 'bool' ? 'bool' : fn.out === 'float32' ? 'float32' : upcast(a, b);
}

function binaryCases(): ConformanceCase[] {
  return builtinBinary.flatMap((fn, k) =>
    binaryKinds(fn).map(([ka, kb], j) =>
      kase(`binary/${fn.name} ${ka}×${kb} broadcasting`, () =>
        BROADCAST.map(([sa, sb], i) => {
          const seed = 3000 + 100 * k + 20 * j + 2 * i;
          const x = input(sa, seed, ka);
          const y = input(sb, seed + 1, kb);
          return engine.runKernel('binary', [x, y], { fn, dtype: resultDType(fn, x.dtype, y.dtype) });
        }),
      ),
    ),
  );
}

function whereCases(): ConformanceCase[] {
  const run = (
    c: readonly number[],
    a: readonly number[],
    b: readonly number[],
    kind: InputKind,
    dtype: DType,
    seed: number,
  ) =>
    engine.runKernel('where', [input(c, seed, 'bool'), input(a, seed + 1, kind), input(b, seed + 2, kind)], { dtype });
  return [
    kase('where/same shapes [7,13]', () => run([7, 13], [7, 13], [7, 13], 'normal', 'float32', 11)),
    kase('where/broadcast [13] [7,1] [7,13]', () => run([13], [7, 1], [7, 13], 'normal', 'float32', 12)),
    kase('where/broadcast [7,13] [] [13]', () => run([7, 13], [], [13], 'normal', 'float32', 13)),
    kase('where/rank mismatch [2,1,31] [3,1] [31]', () => run([2, 1, 31], [3, 1], [31], 'normal', 'float32', 14)),
    kase('where/int32 [784]', () => run([784], [784], [784], 'int', 'int32', 15)),
    kase('where/bool [7,13]', () => run([7, 13], [7, 13], [1], 'bool', 'bool', 16)),
    kase('where/empty [0,3]', () => run([0, 3], [3], [0, 1], 'normal', 'float32', 17)),
  ];
}

function castCases(): ConformanceCase[] {
  const from: ReadonlyArray<readonly [InputKind, string]> = [
    ['normal', 'float32'],
    ['int', 'int32'],
    ['bool', 'bool'],
  ];
  const to: readonly DType[] = ['float32', 'int32', 'bool'];
  const cases = from.flatMap(([kind, name], i) =>
    to.map((dtype, j) =>
      kase(`cast/${name} to ${dtype} [7,13] [0]`, () => [
        engine.runKernel('cast', [input([7, 13], 60 + 3 * i + j, kind)], { dtype }),
        engine.runKernel('cast', [input([0], 70, kind)], { dtype }),
      ]),
    ),
  );
  // float → int32 truncates toward zero, as TensorFlow's cast does.
  cases.push(
    kase('cast/float32 to int32 truncation', () =>
      engine.runKernel('cast', [tensor([-2.7, -1.5, -0.5, 0.5, 1.5, 2.7, 1e6])], { dtype: 'int32' }),
    ),
  );
  return cases;
}

export function elementwiseCases(extraUnary: readonly UnaryCheck[]) {
  const unaries = [...builtinUnary, ...extraUnary];
  return {
    unary: unaryCases(unaries),
    unaryGrad: unaryGradCases(unaries),
    binary: binaryCases(),
    where: whereCases(),
    cast: castCases(),
  };
}
