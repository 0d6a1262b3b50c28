// Small seeded datasets for the training proofs. Every generator is a pure function of its seed.
import * as rf from '@rectify/rectify';

/** Two interleaving half circles (scikit-learn's make_moons), Gaussian noise of `noise`, labels 0/1. */
export function twoMoons(n: number, noise: number, seed: number): { x: rf.Tensor; y: rf.Tensor } {
  const key = rf.PRNGKey.fromSeed(seed);
  const [tKey, nKey] = key.split(2) as [rf.PRNGKey, rf.PRNGKey];
  const t = tKey.uniform(n);
  const z = nKey.normal(2 * n);
  const xs = new Float32Array(2 * n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const angle = Math.PI * t[i]!;
    const outer = i % 2 === 0;
    xs[2 * i] = (outer ? Math.cos(angle) : 1 - Math.cos(angle)) + noise * z[2 * i]!;
    xs[2 * i + 1] = (outer ? Math.sin(angle) : 0.5 - Math.sin(angle)) + noise * z[2 * i + 1]!;
    ys[i] = outer ? 0 : 1;
  }
  return { x: rf.tensor(xs, [n, 2]), y: rf.tensor(ys, [n, 1]) };
}

/**
 * 8×8 single-channel images holding one line — horizontal, vertical, diagonal or anti-diagonal — at a random
 * place, plus noise; the label is the orientation (4 classes, chance = 25%). Position varies, so a dense layer on
 * raw pixels has to memorise, while a convolution sees the same local pattern everywhere.
 */
export function lineImages(n: number, seed: number): { x: rf.Tensor; y: rf.Tensor } {
  const key = rf.PRNGKey.fromSeed(seed);
  const u = key.uniform(3 * n);
  const noise = key.fold(1).normal(n * 64);
  const xs = new Float32Array(n * 64);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = Math.floor(u[3 * i]! * 4);
    const a = Math.floor(u[3 * i + 1]! * 4);
    const b = Math.floor(u[3 * i + 2]! * 4);
    for (let k = 0; k < 5; k++) {
      const [r, c] =
        label === 0 ? [a + 2, b + k] : label === 1 ? [a + k, b + 2] : label === 2 ? [a + k, b + k] : [a + k, b + 4 - k];
      xs[i * 64 + r * 8 + c] = 1;
    }
    for (let p = 0; p < 64; p++) xs[i * 64 + p]! += 0.2 * noise[i * 64 + p]!;
    ys[i] = label;
  }
  return { x: rf.tensor(xs, [n, 8, 8, 1]), y: rf.tensor(ys, [n]) };
}

/**
 * Token sequences of length `len` over a vocabulary of 6; the label says whether token 1 occurs more often than
 * token 2 — a comparison across positions, which no single token decides (chance ≈ 50%).
 */
export function countingSequences(n: number, len: number, seed: number): { x: rf.Tensor; y: rf.Tensor } {
  const u = rf.PRNGKey.fromSeed(seed).uniform(n * len);
  const xs = new Int32Array(n * len);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let ones = 0;
    let twos = 0;
    for (let j = 0; j < len; j++) {
      const tok = Math.floor(u[i * len + j]! * 6);
      xs[i * len + j] = tok;
      if (tok === 1) ones++;
      if (tok === 2) twos++;
    }
    // Ties are relabelled by flipping one token, so every label is decided by the counts.
    if (ones === twos) {
      const j = i % len;
      if (xs[i * len + j] === 2) twos--;
      else if (xs[i * len + j] === 1) ones--;
      xs[i * len + j] = 1;
      ones++;
    }
    ys[i] = ones > twos ? 1 : 0;
  }
  return { x: rf.tensor(xs, [n, len], 'int32'), y: rf.tensor(ys, [n]) };
}

/** The fraction of rows where argmax (or, for one column, p > threshold) matches the label. */
export function accuracyOf(pred: rf.Tensor, labels: rf.Tensor, threshold = 0.5): number {
  const p = pred.dataSync();
  const l = labels.dataSync();
  const n = labels.shape[0]!;
  const k = pred.size / n;
  let right = 0;
  for (let i = 0; i < n; i++) {
    let guess: number;
    if (k === 1) guess = p[i]! > threshold ? 1 : 0;
    else {
      guess = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + guess]!) guess = c;
    }
    if (guess === l[i]) right++;
  }
  return right / n;
}
