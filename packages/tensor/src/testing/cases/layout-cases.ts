import { engine } from '../../engine.js';
import { type ConformanceCase, type InputKind, indices, input, kase, sh } from '../case.js';

const KINDS: readonly InputKind[] = ['normal', 'int', 'bool'];

/** One case per dtype, each running every layout in `specs`. */
function perDType<S>(
  kernel: string,
  what: string,
  specs: readonly S[],
  run: (spec: S, kind: InputKind, seed: number) => ReturnType<typeof input>,
): ConformanceCase[] {
  return KINDS.map((kind, k) =>
    kase(`${kernel}/${kind} ${what}`, () => specs.map((s, i) => run(s, kind, 1000 * (k + 1) + 10 * i))),
  );
}

const TRANSPOSES: ReadonlyArray<readonly [readonly number[], readonly number[]]> = [
  [
    [7, 13],
    [1, 0],
  ],
  [
    [784, 31],
    [1, 0],
  ],
  [
    [2, 3, 5],
    [2, 0, 1],
  ],
  [
    [2, 3, 5],
    [1, 0, 2],
  ],
  [
    [2, 3, 5],
    [0, 2, 1],
  ],
  [
    [2, 3, 4, 5],
    [3, 1, 0, 2],
  ],
  [
    [1, 7, 1],
    [2, 1, 0],
  ],
  [
    [0, 3],
    [1, 0],
  ],
];

const SLICES: ReadonlyArray<readonly [readonly number[], readonly number[], readonly number[]]> = [
  [
    [7, 13],
    [1, 2],
    [3, 5],
  ],
  [
    [7, 13],
    [0, 0],
    [7, 1],
  ],
  [[784], [100], [31]],
  [
    [2, 3, 5],
    [0, 1, 2],
    [2, 2, 3],
  ],
  [
    [2, 3, 4, 5],
    [1, 0, 1, 2],
    [1, 3, 2, 3],
  ],
  [
    [7, 13],
    [2, 0],
    [0, 13],
  ],
];

const CONCATS: ReadonlyArray<readonly [ReadonlyArray<readonly number[]>, number]> = [
  [
    [
      [2, 3],
      [5, 3],
      [1, 3],
    ],
    0,
  ],
  [
    [
      [7, 1],
      [7, 13],
      [7, 0],
    ],
    1,
  ],
  [
    [
      [2, 3, 4],
      [2, 3, 1],
    ],
    2,
  ],
  [
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    1,
  ],
  [[[31], [784]], 0],
];

const PADS: ReadonlyArray<readonly [readonly number[], ReadonlyArray<readonly [number, number]>, number]> = [
  [
    [7, 13],
    [
      [1, 2],
      [0, 3],
    ],
    0,
  ],
  [
    [7, 13],
    [
      [0, 0],
      [2, 2],
    ],
    -1.5,
  ],
  [
    [2, 3, 5],
    [
      [0, 1],
      [2, 1],
      [1, 1],
    ],
    0,
  ],
  [[31], [[3, 0]], 7],
  [
    [0, 3],
    [
      [1, 1],
      [1, 0],
    ],
    2,
  ],
];

const TILES: ReadonlyArray<readonly [readonly number[], readonly number[]]> = [
  [
    [2, 3],
    [2, 3],
  ],
  [[7], [3]],
  [
    [1, 3, 1],
    [2, 1, 4],
  ],
  [
    [2, 3],
    [0, 2],
  ],
  [
    [13, 7],
    [1, 2],
  ],
];

/** x shape, axis, indices shape, with repeated and scalar indices. */
const GATHERS: ReadonlyArray<readonly [readonly number[], number, readonly number[]]> = [
  [[7, 13], 0, [5]],
  [[7, 13], 1, [2, 3]],
  [[2, 3, 5], 1, [4]],
  [[2, 3, 5], 2, []],
  [[784], 0, [31]],
  [[7, 13], 0, [0]],
];

export function layoutCases() {
  return {
    transpose: perDType(
      'transpose',
      TRANSPOSES.map(([s, p]) => `${sh(s)}→${sh(p)}`).join(' '),
      TRANSPOSES,
      ([shape, perm], kind, seed) => engine.runKernel('transpose', [input(shape, seed, kind)], { perm }),
    ),
    slice: perDType(
      'slice',
      SLICES.map(([s, b, z]) => `${sh(s)}@${sh(b)}+${sh(z)}`).join(' '),
      SLICES,
      ([shape, begin, size], kind, seed) => engine.runKernel('slice', [input(shape, seed, kind)], { begin, size }),
    ),
    concat: perDType(
      'concat',
      CONCATS.map(([ss, a]) => `${ss.map(sh).join('+')}@${a}`).join(' '),
      CONCATS,
      ([shapes, axis], kind, seed) =>
        engine.runKernel(
          'concat',
          shapes.map((s, i) => input(s, seed + i, kind)),
          { axis },
        ),
    ),
    pad: perDType(
      'pad',
      PADS.map(([s, p, v]) => `${sh(s)}${JSON.stringify(p)}=${v}`).join(' '),
      PADS,
      ([shape, paddings, v], kind, seed) =>
        engine.runKernel('pad', [input(shape, seed, kind)], {
          paddings,
          value: kind === 'bool' ? 1 : kind === 'int' ? Math.round(v) : v,
        }),
    ),
    tile: perDType('tile', TILES.map(([s, r]) => `${sh(s)}×${sh(r)}`).join(' '), TILES, ([shape, reps], kind, seed) =>
      engine.runKernel('tile', [input(shape, seed, kind)], { reps }),
    ),
    gather: perDType(
      'gather',
      GATHERS.map(([s, a, i]) => `${sh(s)}@${a}[${sh(i)}]`).join(' '),
      GATHERS,
      ([shape, axis, idx], kind, seed) =>
        engine.runKernel('gather', [input(shape, seed, kind), indices(idx, shape[axis]!, seed + 1)], { axis }),
    ),
    scatterAdd: scatterCases(),
  };
}

function scatterCases(): ConformanceCase[] {
  return (['normal', 'int'] as const).map((kind, k) =>
    kase(
      `scatterAdd/${kind} ${GATHERS.map(([s, a, i]) => `${sh(s)}@${a}[${sh(i)}]`).join(' ')} (repeated indices add up)`,
      () =>
        GATHERS.map(([shape, axis, idxShape], i) => {
          const seed = 1500 + 100 * k + 10 * i;
          const updatesShape = [...shape.slice(0, axis), ...idxShape, ...shape.slice(axis + 1)];
          return engine.runKernel(
            'scatterAdd',
            [input(updatesShape, seed, kind), indices(idxShape, shape[axis]!, seed + 1)],
            { axis, shape },
          );
        }),
    ),
  );
}
