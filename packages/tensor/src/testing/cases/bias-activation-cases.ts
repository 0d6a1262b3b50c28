import { engine } from '../../engine.js';
import * as mathFns from '../../math-fns.js';
import { tensor } from '../../ops/convert.js';
import { type UnaryFn, unaryFn } from '../../scalar-fn.js';
import { type ConformanceCase, input, kase, sh } from '../case.js';
import type { UnaryCheck } from './elementwise-cases.js';

// Local copies of two activation shapes, so the suite covers a piecewise and a gelu-like function without
// depending on @rectify/activations (a backend test passes the real activations as extra checks).
const reluLike: UnaryFn = unaryFn({ name: 'suiteRelu', f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) });
const geluLike: UnaryFn = unaryFn({
  name: 'suiteGeluTanh',
  f: (x) => 0.5 * x * (1 + Math.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))),
});

const BUILTIN: readonly UnaryCheck[] = [
  { fn: reluLike },
  { fn: geluLike },
  { fn: mathFns.sigmoidFn },
  { fn: mathFns.tanhFn },
  { fn: mathFns.clipFn, a: -0.5, b: 0.5 },
];

/** z shapes: odd sizes (SIMD tails), a single unit, rank 1 and 3, an empty batch. */
const Z_SHAPES = [[7, 13], [3, 1], [5], [2, 3, 17], [0, 4]];

function run(c: UnaryCheck, seed: number) {
  return Z_SHAPES.map((shape, i) =>
    engine.runKernel('biasActivation', [input(shape, seed + i), input([shape[shape.length - 1]!], seed + 50 + i)], {
      fn: c.fn,
      a: c.a ?? 0,
      b: c.b ?? 0,
    }),
  );
}

/** `fn.f(z + bias)` along the last axis, for the built-in checks and every float-valued extra function. */
export function biasActivationCases(extra: readonly UnaryCheck[]): ConformanceCase[] {
  const checks = [...BUILTIN, ...extra.filter((c) => c.fn.out !== 'bool')];
  return [
    ...checks.map((c, k) =>
      kase(`biasActivation/${c.fn.name} ${Z_SHAPES.map(sh).join(' ')}`, () => run(c, 2100 + 100 * k)),
    ),
    kase('biasActivation/sigmoid special values', () =>
      engine.runKernel(
        'biasActivation',
        [
          tensor([
            [0, 1e30, -1e30, NaN],
            [Infinity, -Infinity, 88, -88],
          ]),
          tensor([0, 1, -1, 0.5]),
        ],
        {
          fn: mathFns.sigmoidFn,
          a: 0,
          b: 0,
        },
      ),
    ),
  ];
}
