import { engine } from '../../engine.js';
import { mulFn } from '../../math-fns.js';
import { tensor } from '../../ops/convert.js';
import type { Tensor } from '../../tensor.js';
import { type ConformanceCase, input, kase, sh } from '../case.js';

/** [batch, units]: odd unit counts (SIMD tails), one unit, one row, an empty batch, and the LSTM benchmark's width. */
const SHAPES: ReadonlyArray<readonly [number, number]> = [
  [3, 7],
  [2, 1],
  [1, 16],
  [0, 5],
  [4, 128],
];

const PARTS = ['state', 'hidden'] as const;

function operands([batch, units]: readonly [number, number], seed: number) {
  // Pre-activations spread to ±9 reach the flat tails of σ and tanh, where the derivatives lose precision first.
  const z = input([batch, 4 * units], seed);
  const spread = engine.runKernel('binary', [z, tensor(3)], { fn: mulFn, dtype: 'float32' });
  return { z: spread, c: input([batch, units], seed + 1) };
}

/**
 * Two rows of two units whose gates see zero, ±1e-30 (tanh's relative accuracy near 0), ±40 (flat tails, where
 * derivatives must not cancel to 0 early), ±1e30 and NaN; `gates` is the gate count (4 LSTM, 3 GRU).
 */
function special(gates: number): Tensor {
  const pool = [0, 1e-30, -1e-30, 40, -40, 1e30, -1e30, NaN, 0.7, -0.3];
  return tensor(
    Array.from({ length: 2 * 2 * gates }, (_, i) => pool[(3 * i) % pool.length]!),
    [2, 2 * gates],
  );
}
const specialState = (): Tensor =>
  tensor([
    [0, 1e-30],
    [NaN, -2],
  ]);

/** Both parts of the LSTM pointwise kernel and both gradients, against the reference. */
export function lstmCellCases(): { lstmCell: ConformanceCase[]; lstmCellGrad: ConformanceCase[] } {
  return {
    lstmCell: PARTS.flatMap((part, p) => [
      ...SHAPES.map((shape, i) =>
        kase(`lstmCell/${part} ${sh(shape)}`, () => {
          const { z, c } = operands(shape, 3100 + 10 * i + p);
          return engine.runKernel('lstmCell', [z, c], { part });
        }),
      ),
      kase(`lstmCell/${part} special values`, () =>
        engine.runKernel('lstmCell', [special(4), specialState()], { part }),
      ),
    ]),
    lstmCellGrad: PARTS.flatMap((part, p) =>
      (['z', 'c'] as const).flatMap((wrt) => [
        kase(`lstmCellGrad/${part} d${wrt} special values`, () =>
          engine.runKernel(
            'lstmCellGrad',
            [
              special(4),
              specialState(),
              tensor([
                [1, -1],
                [0.5, 2],
              ]),
            ],
            { part, wrt },
          ),
        ),
        ...SHAPES.map((shape, i) =>
          kase(`lstmCellGrad/${part} d${wrt} ${sh(shape)}`, () => {
            const { z, c } = operands(shape, 3200 + 10 * i + p);
            return engine.runKernel('lstmCellGrad', [z, c, input(shape, 3300 + i)], { part, wrt });
          }),
        ),
      ]),
    ),
  };
}

/** The GRU pointwise kernel and the gradient of each of its three inputs, against the reference. */
export function gruCellCases(): { gruCell: ConformanceCase[]; gruCellGrad: ConformanceCase[] } {
  const gru = ([batch, units]: readonly [number, number], seed: number) => {
    const spread = (t: ReturnType<typeof input>) =>
      engine.runKernel('binary', [t, tensor(3)], { fn: mulFn, dtype: 'float32' });
    return [
      spread(input([batch, 3 * units], seed)),
      spread(input([batch, 3 * units], seed + 1)),
      input([batch, units], seed + 2),
    ];
  };
  return {
    gruCell: [
      ...SHAPES.map((shape, i) =>
        kase(`gruCell ${sh(shape)}`, () =>
          engine.runKernel('gruCell', gru(shape, 3400 + 10 * i) as [Tensor, Tensor, Tensor], {}),
        ),
      ),
      kase('gruCell special values', () =>
        engine.runKernel(
          'gruCell',
          [
            special(3),
            engine.runKernel('binary', [special(3), tensor(-1)], { fn: mulFn, dtype: 'float32' }),
            specialState(),
          ],
          {},
        ),
      ),
    ],
    gruCellGrad: (['zx', 'zh', 'h'] as const).flatMap((wrt) => [
      kase(`gruCellGrad/d${wrt} special values`, () =>
        engine.runKernel(
          'gruCellGrad',
          [
            special(3),
            special(3),
            specialState(),
            tensor([
              [1, -1],
              [0.5, 2],
            ]),
          ],
          { wrt },
        ),
      ),
      ...SHAPES.map((shape, i) =>
        kase(`gruCellGrad/d${wrt} ${sh(shape)}`, () => {
          const [zx, zh, h] = gru(shape, 3500 + 10 * i) as [Tensor, Tensor, Tensor];
          return engine.runKernel('gruCellGrad', [zx, zh, h, input(shape, 3600 + i)], { wrt });
        }),
      ),
    ]),
  };
}
