import { engine } from '../../engine.js';
import { tensor } from '../../ops/convert.js';
import { maskedSoftmax } from '../../ops/masked-softmax.js';
import type { Tensor } from '../../tensor.js';
import { type ConformanceCase, input, kase, sh } from '../case.js';

/** Row lengths around the SIMD width, a single key, a long row (loops on the gpu), an empty batch. */
const SHAPES = [[7, 13], [3, 1], [5], [2, 3, 17], [1, 300], [0, 4]];

const PLAIN = { scale: 1, causal: false, causalOffset: 0 };

/** softmax's backward at its own output, with a seeded upstream gradient, through the same masking. */
function grad(y: Tensor, seed: number, attrs = PLAIN, mask: readonly Tensor[] = []): Tensor {
  return engine.runKernel('softmaxGrad', [y, input(y.shape, seed), ...mask] as [Tensor, Tensor], attrs);
}

/** The mask inputs maskedSoftmax hands the kernel, pulled from the op's own call. */
function maskInputs(logits: Tensor, mask: Tensor): Tensor[] {
  let seen: Tensor[] = [];
  const stop = engine.addOpListener((r) => {
    if (r.op === 'softmax') seen = r.inputs.slice(1);
  });
  try {
    maskedSoftmax(logits, { mask });
  } finally {
    stop();
  }
  return seen;
}

/** A [5, 7] mask hiding every key from rows 1 and 3 (written out: broadcasting it would run the tile kernel). */
const wholeRows = () =>
  tensor(
    Array.from({ length: 35 }, (_, k) => Math.floor(k / 7) % 2 === 0),
    [5, 7],
    'bool',
  );

/** The fused softmax and its gradient: scale, causal offsets (rows that see nothing), broadcast masks, ±1e4. */
export function softmaxKernelCases(): { softmax: ConformanceCase[]; softmaxGrad: ConformanceCase[] } {
  const causal = (offset: number) => ({ scale: 0.5, causal: true, causalOffset: offset });
  return {
    softmax: [
      kase(`softmax/plain ${SHAPES.map(sh).join(' ')}`, () =>
        SHAPES.map((s, i) => engine.runKernel('softmax', [input(s, 3400 + i)], PLAIN)),
      ),
      kase('softmax/scale 0.37 and -2', () => [
        engine.runKernel('softmax', [input([5, 9], 3410)], { ...PLAIN, scale: 0.37 }),
        engine.runKernel('softmax', [input([5, 9], 3411)], { ...PLAIN, scale: -2 }),
      ]),
      kase('softmax/causal offsets 0, -2 (rows that see no key), 3; T != S', () => [
        engine.runKernel('softmax', [input([2, 3, 6, 6], 3420)], causal(0)),
        engine.runKernel('softmax', [input([6, 9], 3421)], causal(-2)),
        engine.runKernel('softmax', [input([2, 5, 7], 3422)], causal(3)),
      ]),
      kase('softmax/masks [2,1,5,7] [7] [5,7] (whole rows masked) with and without causal', () => {
        const x = input([2, 3, 5, 7], 3430);
        return [
          maskedSoftmax(x, { mask: input([2, 1, 5, 7], 3431, 'bool') }),
          maskedSoftmax(x, { mask: input([7], 3432, 'bool'), causal: true, scale: 0.25 }),
          maskedSoftmax(x, { mask: wholeRows() }),
        ];
      }),
      kase('softmax/±1e4 logits', () =>
        engine.runKernel(
          'softmax',
          [
            tensor([
              [1e4, 0, -1e4, 5, 1e4 - 1],
              [-1e4, -1e4, -1e4, -1e4, -1e4],
            ]),
          ],
          PLAIN,
        ),
      ),
    ],
    softmaxGrad: [
      kase(`softmaxGrad/plain ${SHAPES.map(sh).join(' ')}`, () =>
        SHAPES.map((s, i) => grad(engine.runKernel('softmax', [input(s, 3500 + i)], PLAIN), 3510 + i)),
      ),
      kase('softmaxGrad/causal offsets 0 and -2, scale 0.5', () =>
        [0, -2].map((o, i) =>
          grad(engine.runKernel('softmax', [input([2, 6, 9], 3520 + i)], causal(o)), 3525 + i, causal(o)),
        ),
      ),
      kase('softmaxGrad/mask [2,1,5,7] and whole rows masked', () => {
        const x = input([2, 3, 5, 7], 3530);
        return [input([2, 1, 5, 7], 3531, 'bool'), wholeRows()].map((m, i) => {
          const inputs = maskInputs(x, m);
          const y = engine.runKernel('softmax', [x, ...inputs] as [Tensor], PLAIN);
          return grad(y, 3535 + i, PLAIN, inputs);
        });
      }),
    ],
  };
}
