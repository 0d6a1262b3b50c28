import * as rf from '@rectify/rectify';

/**
 * The two-moons toy problem: two interleaving half circles with Gaussian noise, label 0 (upper moon) or 1 (lower).
 * Seeded, so every backend trains on the same points.
 * @example const { x, y } = twoMoons(256, 0.1, 1); // x: [256, 2], y: [256, 1]
 */
export function twoMoons(n: number, noise: number, seed: number): { x: rf.Tensor; y: rf.Tensor } {
  const [angleKey, noiseKey] = rf.PRNGKey.fromSeed(seed).split(2) as [rf.PRNGKey, rf.PRNGKey];
  const t = angleKey.uniform(n);
  const z = noiseKey.normal(2 * n);
  const xs = new Float32Array(2 * n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const angle = Math.PI * t[i]!;
    const upper = i % 2 === 0;
    xs[2 * i] = (upper ? Math.cos(angle) : 1 - Math.cos(angle)) + noise * z[2 * i]!;
    xs[2 * i + 1] = (upper ? Math.sin(angle) : 0.5 - Math.sin(angle)) + noise * z[2 * i + 1]!;
    ys[i] = upper ? 0 : 1;
  }
  return { x: rf.tensor(xs, [n, 2]), y: rf.tensor(ys, [n, 1]) };
}

/** Points across the plane where the app shows the model's predictions (and compares them after a reload). */
export const PROBES: readonly [number, number][] = [
  [-1, 0.5],
  [0, 1],
  [0.5, 0.25],
  [1, 0],
  [1, -0.5],
  [2, 0.5],
  [0.5, -0.25],
  [1.5, -0.25],
];
