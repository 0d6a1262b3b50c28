import type { ArgReduceOp, ReduceOp } from '../../backend/kernels.js';
import { engine } from '../../engine.js';
import { tensor } from '../../ops/convert.js';
import { type ConformanceCase, type InputKind, input, kase, sh } from '../case.js';

/** Shapes with the axes reduced: leading, trailing, all, middle, non-adjacent, long, size-1 and empty. */
const LAYOUTS: ReadonlyArray<readonly [readonly number[], readonly number[]]> = [
  [[7, 13], [0]],
  [[7, 13], [1]],
  [
    [7, 13],
    [0, 1],
  ],
  [[2, 3, 5], [1]],
  [
    [2, 3, 5],
    [0, 2],
  ],
  [
    [2, 3, 4, 5],
    [1, 3],
  ],
  [[10, 784], [1]],
  [[31], [0]],
  [[4, 1, 3], [1]],
  [[0, 3], [0]],
  [[3, 0], [1]],
];

const FLOAT_KIND: Record<ReduceOp, InputKind> = {
  sum: 'normal',
  max: 'normal',
  min: 'normal',
  prod: 'nearOne',
  any: 'bool',
  all: 'bool',
};

function reduceCase(op: ReduceOp, kind: InputKind, seed: number): ConformanceCase {
  return kase(
    `reduce/${op} ${kind} ${LAYOUTS.map(([s, a]) => `${sh(s)}@${sh(a)}`).join(' ')}`,
    () => LAYOUTS.map(([shape, axes], i) => engine.runKernel('reduce', [input(shape, seed + i, kind)], { axes, op })),
    // Long sums may be accumulated in float32 on other backends.
    op === 'sum' || op === 'prod' ? 4 : 1,
  );
}

function reduceCases(): ConformanceCase[] {
  const ops: readonly ReduceOp[] = ['sum', 'max', 'min', 'prod', 'any', 'all'];
  const cases = ops.map((op, i) => reduceCase(op, FLOAT_KIND[op], 200 + 20 * i));
  cases.push(
    reduceCase('sum', 'int', 400),
    reduceCase('max', 'int', 420),
    reduceCase('min', 'rounded', 440),
    reduceCase('sum', 'bool', 460),
    kase('reduce/max NaN propagates', () =>
      engine.runKernel(
        'reduce',
        [
          tensor([
            [1, NaN, 3],
            [4, 5, 6],
          ]),
        ],
        { axes: [1], op: 'max' },
      ),
    ),
    kase('reduce/min NaN propagates', () =>
      engine.runKernel(
        'reduce',
        [
          tensor([
            [1, NaN, 3],
            [4, 5, 6],
          ]),
        ],
        { axes: [1], op: 'min' },
      ),
    ),
  );
  return cases;
}

const ARG_LAYOUTS: ReadonlyArray<readonly [readonly number[], number]> = [
  [[7, 13], 0],
  [[7, 13], 1],
  [[2, 3, 5], 1],
  [[2, 3, 5], 2],
  [[784], 0],
  [[1, 5], 0],
  [[10, 31], 1],
];

function argCases(): ConformanceCase[] {
  const ops: readonly ArgReduceOp[] = ['argmax', 'argmin'];
  return ops.flatMap((op, i) =>
    (['normal', 'rounded', 'int'] as const).map((kind, j) =>
      kase(`argReduce/${op} ${kind}${kind === 'normal' ? '' : ' (ties: first index)'}`, () =>
        ARG_LAYOUTS.map(([shape, axis], k) =>
          engine.runKernel('argReduce', [input(shape, 600 + 50 * i + 10 * j + k, kind)], { axis, op }),
        ),
      ),
    ),
  );
}

export function reduceKernelCases() {
  return { reduce: reduceCases(), argReduce: argCases() };
}
