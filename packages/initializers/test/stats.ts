import type { Tensor } from '@rectify/tensor';

/** Float64 summary statistics of a tensor's values, computed on the host. */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  /** Population standard deviation. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(t: Tensor): Summary {
  const v = t.dataSync();
  const n = v.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += v[i]!;
    if (v[i]! < min) min = v[i]!;
    if (v[i]! > max) max = v[i]!;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i]! - mean) ** 2;
  return { n, mean, std: Math.sqrt(ss / n), min, max };
}

/**
 * Tolerances for n i.i.d. samples of standard deviation `std`, at 5 standard errors (a false failure has
 * probability < 1e-6; seeds are fixed anyway). The standard error of a sample std is std·√((κ − 1)/(4n)); κ = 3
 * (the normal's kurtosis) bounds those of the uniform (1.8) and the 2σ-truncated normal (≈ 2.4) from above.
 */
export function tolerances(n: number, std: number): { mean: number; std: number } {
  return { mean: (5 * std) / Math.sqrt(n), std: 5 * std * Math.sqrt(2 / (4 * n)) };
}
