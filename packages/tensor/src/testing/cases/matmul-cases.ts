import { engine } from '../../engine.js';
import { type ConformanceCase, input, kase, sh } from '../case.js';

/** [batch…, M, K] · [batch…, K, N] problems, written untransposed; each runs in all four transpose combinations. */
const PROBLEMS: ReadonlyArray<{ readonly a: readonly number[]; readonly b: readonly number[]; readonly note: string }> =
  [
    { a: [7, 13], b: [13, 31], note: 'odd sizes' },
    { a: [5, 4], b: [4, 3], note: 'M not a multiple of 4' },
    { a: [10, 784], b: [784, 31], note: 'long K' },
    { a: [1, 13], b: [13, 1], note: 'vector dot' },
    { a: [7, 1], b: [1, 13], note: 'outer product' },
    { a: [3, 7, 13], b: [3, 13, 10], note: 'batched' },
    { a: [2, 1, 7, 13], b: [3, 13, 5], note: 'broadcast batch' },
    { a: [7, 13], b: [4, 13, 5], note: 'rank 2 with rank 3' },
    { a: [0, 13], b: [13, 5], note: 'empty M' },
    { a: [7, 0], b: [0, 5], note: 'empty K (zeros)' },
    { a: [2, 0, 3], b: [2, 3, 4], note: 'empty batch rows' },
  ];

/** Swaps the last two axes of a shape. */
function swapLast(shape: readonly number[]): number[] {
  const s = [...shape];
  const r = s.length;
  [s[r - 2], s[r - 1]] = [s[r - 1]!, s[r - 2]!];
  return s;
}

export function matmulCases(): ConformanceCase[] {
  const combos: ReadonlyArray<readonly [boolean, boolean]> = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ];
  return PROBLEMS.flatMap(({ a, b, note }, i) =>
    combos.map(([transposeA, transposeB], j) => {
      const sa = transposeA ? swapLast(a) : a;
      const sb = transposeB ? swapLast(b) : b;
      const label = `${sh(sa)}${transposeA ? 'ᵀ' : ''}·${sh(sb)}${transposeB ? 'ᵀ' : ''}`;
      return kase(
        `matmul/${note} ${label}`,
        () =>
          engine.runKernel('matmul', [input(sa, 700 + 10 * i + j), input(sb, 800 + 10 * i + j)], {
            transposeA,
            transposeB,
          }),
        4,
      );
    }),
  );
}
