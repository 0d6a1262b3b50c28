// Real and generated data for the sequence and image-to-image training proofs.
import * as rf from '@rectify/rectify';
import { mnist } from '../../apps/cli/src/datasets/mnist.js';
import { MOBY_VOCABULARY, mobyDick } from '../../apps/cli/src/datasets/moby-dick.js';

export { MOBY_VOCABULARY };

/** Moby-Dick character windows (the CLI's loader): `n` training windows and `m` held-out ones, next char as target. */
export function mobyWindows(
  seqLen: number,
  n: number,
  m: number,
): { x: rf.Tensor; y: rf.Tensor; xVal: rf.Tensor; yVal: rf.Tensor } {
  const d = mobyDick.load({ seqLen, limit: n });
  const val = Math.min(m, d.test.n);
  return {
    x: rf.tensor(Int32Array.from(d.train.x), [d.train.n, seqLen], 'int32'),
    y: rf.tensor(Int32Array.from(d.train.y), [d.train.n], 'int32'),
    xVal: rf.tensor(Int32Array.from(d.test.x.subarray(0, val * seqLen)), [val, seqLen], 'int32'),
    yVal: rf.tensor(Int32Array.from(d.test.y.subarray(0, val)), [val], 'int32'),
  };
}

/** Cross-entropy (nats) of `targets` under the smoothed character frequencies of `train` — the unigram baseline. */
export function unigramLoss(train: rf.Tensor, targets: rf.Tensor, classes: number): number {
  const counts = new Float64Array(classes).fill(1);
  for (const t of train.dataSync()) counts[t]! += 1;
  const total = counts.reduce((a, b) => a + b, 0);
  const y = targets.dataSync();
  let ce = 0;
  for (const t of y) ce -= Math.log(counts[t]! / total);
  return ce / y.length;
}

/** Mean cross-entropy (nats) of integer `targets` under `logits` [n, classes]. */
export function crossEntropy(logits: rf.Tensor, targets: rf.Tensor): number {
  return rf.tidy(() => {
    const lp = rf.logSoftmax(logits).dataSync();
    const y = targets.dataSync();
    const k = logits.shape[1]!;
    let ce = 0;
    for (let i = 0; i < y.length; i++) ce -= lp[i * k + y[i]!]!;
    return ce / y.length;
  });
}

/**
 * A noisy quasi-periodic series (two incommensurate sines, slowly varying amplitude, Gaussian noise) cut into
 * windows of `len` steps; the target is the next value. Persistence (next = last) is the naive forecast to beat.
 */
export function seriesWindows(
  n: number,
  len: number,
  seed: number,
): { x: rf.Tensor; y: rf.Tensor; persistence: number } {
  const noise = rf.PRNGKey.fromSeed(seed).normal(n + len + 1);
  const s = Array.from(
    { length: n + len + 1 },
    (_, t) => (1 + 0.3 * Math.sin(t / 37)) * Math.sin(t / 3) + 0.5 * Math.sin(t / 7.3 + 1) + 0.1 * noise[t]!,
  );
  const x = new Float32Array(n * len);
  const y = new Float32Array(n);
  let persistence = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < len; j++) x[i * len + j] = s[i + j]!;
    y[i] = s[i + len]!;
    persistence += (y[i]! - s[i + len - 1]!) ** 2;
  }
  return { x: rf.tensor(x, [n, len, 1]), y: rf.tensor(y, [n, 1]), persistence: persistence / n };
}

/** The first `n` MNIST images (the CLI's loader, pixels in [0, 1]) as [n, 28, 28, 1], and the next `m` held out. */
export function mnistImages(n: number, m: number): { train: rf.Tensor; test: rf.Tensor } {
  const d = mnist.load({ layout: 'image' });
  const px = 28 * 28;
  return {
    train: rf.tensor(d.train.x.subarray(0, n * px), [n, 28, 28, 1]),
    test: rf.tensor(d.train.x.subarray(n * px, (n + m) * px), [m, 28, 28, 1]),
  };
}
