import type { Split } from './types.js';

/**
 * Language-model windows: `seqLen` tokens starting every `seqLen` tokens, the target of each the same window
 * shifted by one token — the next token at every position, which a causal model learns all at once.
 *
 * @example sequenceWindows(Int32Array.of(1, 2, 3, 4, 5), 2); // x [1,2, 3,4], y [2,3, 4,5], n 2
 */
export function sequenceWindows(tokens: Int32Array, seqLen: number): Split {
  const n = Math.max(0, Math.floor((tokens.length - 1) / seqLen));
  const x = new Float32Array(n * seqLen);
  const y = new Float32Array(n * seqLen);
  for (let i = 0; i < n * seqLen; i++) {
    x[i] = tokens[i]!;
    y[i] = tokens[i + 1]!;
  }
  return { x, y, n };
}

/**
 * Bits per character of the unigram model fitted on `train` and scored on `test` (add-one smoothed): the
 * baseline a language model must beat, about 4.1 bits on this corpus.
 */
export function unigramBits(train: ArrayLike<number>, test: ArrayLike<number>, vocabulary: number): number {
  const counts = new Float64Array(vocabulary).fill(1);
  for (let i = 0; i < train.length; i++) counts[train[i]!]! += 1;
  const total = counts.reduce((a, b) => a + b, 0);
  let bits = 0;
  for (let i = 0; i < test.length; i++) bits -= Math.log2(counts[test[i]!]! / total);
  return bits / test.length;
}
