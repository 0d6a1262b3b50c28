import type { Split } from './types.js';

/** Per-feature mean and standard deviation, computed on a training split. */
export interface Standardizer {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Fits per-feature statistics on `split`. Constant features get std 1 so that standardising them yields 0
 * instead of NaN.
 *
 * @example
 * const s = fitStandardizer({ x: new Float32Array([1, 3]), y: new Float32Array(2), n: 2 }); // mean [2], std [1]
 */
export function fitStandardizer(split: Split): Standardizer {
  const width = split.n === 0 ? 0 : split.x.length / split.n;
  const mean = new Float64Array(width);
  const sq = new Float64Array(width);
  for (let i = 0; i < split.n; i++) {
    for (let j = 0; j < width; j++) mean[j]! += split.x[i * width + j]!;
  }
  for (let j = 0; j < width; j++) mean[j] = mean[j]! / Math.max(split.n, 1);
  for (let i = 0; i < split.n; i++) {
    for (let j = 0; j < width; j++) sq[j]! += (split.x[i * width + j]! - mean[j]!) ** 2;
  }
  const std = sq.map((s) => {
    const sd = Math.sqrt(s / Math.max(split.n, 1));
    return sd > 1e-12 ? sd : 1;
  });
  return { mean, std };
}

/**
 * `(x - mean) / std` feature by feature; returns a new split.
 *
 * @example
 * applyStandardizer(split, fitStandardizer(split));
 */
export function applyStandardizer(split: Split, s: Standardizer): Split {
  const width = s.mean.length;
  const x = new Float32Array(split.x.length);
  for (let i = 0; i < split.n; i++) {
    for (let j = 0; j < width; j++) x[i * width + j] = (split.x[i * width + j]! - s.mean[j]!) / s.std[j]!;
  }
  return { x, y: split.y, n: split.n };
}
