/** A linear or log axis mapping data values to pixels, with round tick values. */
export interface Scale {
  readonly ticks: readonly number[];
  (v: number): number;
}

/**
 * Up to about `count` round values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten.
 * @example niceTicks(-5, 5) // → [-4, -2, 0, 2, 4]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  // Rounded to 12 digits so that 3 × 0.2 prints as 0.6, not 0.6000000000000001.
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  return ticks;
}

/**
 * The range of the finite values (positive ones for a log axis), padded so lines do not touch the frame.
 * @example extent([1, NaN, 3], false) // → [0.9, 3.1]
 */
export function extent(values: Iterable<number>, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return log ? [1e-3, 1] : [0, 1];
  if (log) return lo === hi ? [lo / 10, hi * 10] : [lo, hi];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/**
 * Maps [lo, hi] onto [p0, p1] pixels.
 * @example makeScale(0, 10, 0, 100)(5) // → 50
 */
export function makeScale(lo: number, hi: number, p0: number, p1: number, log = false): Scale {
  if (log) {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    const span = b - a || 1;
    const fn = ((v: number) => p0 + ((Math.log10(v) - a) / span) * (p1 - p0)) as Scale;
    const ticks: number[] = [];
    for (let e = Math.ceil(a); e <= Math.floor(b); e++) ticks.push(10 ** e);
    return Object.assign(fn, { ticks: ticks.length ? ticks : [lo, hi] });
  }
  const fn = ((v: number) => p0 + ((v - lo) / (hi - lo)) * (p1 - p0)) as Scale;
  return Object.assign(fn, { ticks: niceTicks(lo, hi) });
}

/**
 * Short tick labels: 0.001 → '1e-3', 0.000123 → '1.23e-4', 2500 → '2500', 0.25 → '0.25'.
 * @example formatTick(0.001) // → '1e-3'
 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-2)
    return v
      .toExponential(2)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}
