/** Mean of the values (NaN for none). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Sample standard deviation (n − 1 in the denominator), 0 for a single value: the spread across seeds.
 *
 * @example
 * std([0.9, 0.92, 0.94]); // 0.02
 */
export function std(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/** `0.9650 ± 0.0040`. */
export function meanStd(values: readonly number[], digits = 4): string {
  return `${mean(values).toFixed(digits)} ± ${std(values).toFixed(digits)}`;
}

/** The epoch-wise mean of several equally long (or ragged: shortest wins) curves. */
export function meanCurve(curves: ReadonlyArray<readonly number[]>): number[] {
  const n = Math.min(...curves.map((c) => c.length));
  return Array.from({ length: Number.isFinite(n) ? n : 0 }, (_, i) => mean(curves.map((c) => c[i]!)));
}
