import { ValueError } from '@rectify/tensor';

/** One curve: y against x. Non-finite points leave a gap instead of breaking the plot. */
export interface LineSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** Drawn dashed: the docs draw derivatives dashed beside their function. */
  readonly dashed?: boolean;
  /** A CSS colour; by default the palette's next one. Give f and f′ the same colour to pair them. */
  readonly color?: string;
}

export interface LinePlot {
  readonly kind?: 'line';
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** 'log' for quantities that span decades, such as gradient norms; values ≤ 0 are left out. */
  readonly yScale?: 'linear' | 'log';
  readonly series: readonly LineSeries[];
}

/** Grouped bars: one group per label (a layer, say), one bar per series in each group. */
export interface BarPlot {
  readonly kind: 'bar';
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly yScale?: 'linear' | 'log';
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

/** Counts of samples in equal-width bins: `counts[i]` fell in [min + i·w, min + (i+1)·w), w = (max − min) / bins. */
export interface HistogramPlot {
  readonly kind: 'histogram';
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly counts: readonly number[];
  readonly min: number;
  readonly max: number;
}

/** A plot to draw: what a docs example passes to `ctx.plot`, what the CLI writes; the tests read its numbers. */
export type PlotSpec = LinePlot | BarPlot | HistogramPlot;

const where = 'plot';

function checkNumbers(label: string, values: unknown): readonly number[] {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new ValueError(
      `${where}: ${label} must be an array of numbers, received ${values === null ? 'null' : typeof values}`,
    );
  }
  const arr = Array.from(values as ArrayLike<unknown>);
  const bad = arr.findIndex((v) => typeof v !== 'number');
  if (bad >= 0) throw new ValueError(`${where}: ${label}[${bad}] must be a number, received ${typeof arr[bad]}`);
  return arr as number[];
}

/**
 * Checks a plot spec as an example hands it over and returns a plain copy (typed arrays become arrays), so that a
 * mistake in an example is reported where it is made, naming the series, not as a blank chart.
 * @example checkPlotSpec({ series: [{ name: 'relu', x: [0, 1], y: [0, 1] }] }).series.length // → 1
 */
export function checkPlotSpec(spec: PlotSpec): PlotSpec {
  if (typeof spec !== 'object' || spec === null)
    throw new ValueError(`${where}: expected a plot spec object, received ${spec === null ? 'null' : typeof spec}`);
  if (spec.kind === 'histogram') return checkHistogram(spec);
  if (!Array.isArray(spec.series) || spec.series.length === 0) {
    throw new ValueError(
      `${where}: series must be a non-empty array, received ${Array.isArray(spec.series) ? 'an empty array' : typeof spec.series}`,
    );
  }
  if (spec.kind === 'bar') {
    const labels = spec.labels;
    if (!Array.isArray(labels) || labels.length === 0)
      throw new ValueError(`${where}: a bar plot needs a non-empty labels array`);
    const series = spec.series.map((s, i) => {
      const values = checkNumbers(`series[${i}].values`, s.values);
      if (values.length !== labels.length) {
        throw new ValueError(
          `${where}: series[${i}] ('${s.name}') has ${values.length} values for ${labels.length} labels`,
        );
      }
      return { name: String(s.name), values };
    });
    return { ...spec, labels: labels.map(String), series };
  }
  if (spec.kind !== undefined && spec.kind !== 'line') {
    throw new ValueError(
      `${where}: kind must be 'line', 'bar' or 'histogram', received '${String((spec as { kind: unknown }).kind)}'`,
    );
  }
  const series = spec.series.map((s, i) => {
    const x = checkNumbers(`series[${i}].x`, s.x);
    const y = checkNumbers(`series[${i}].y`, s.y);
    if (x.length !== y.length)
      throw new ValueError(`${where}: series[${i}] ('${s.name}') has ${x.length} x values and ${y.length} y values`);
    if (s.color !== undefined && typeof s.color !== 'string')
      throw new ValueError(`${where}: series[${i}].color must be a CSS colour string, received ${typeof s.color}`);
    return { name: String(s.name), x, y, ...(s.dashed && { dashed: true }), ...(s.color && { color: s.color }) };
  });
  return { ...spec, series };
}

function checkHistogram(spec: HistogramPlot): HistogramPlot {
  const counts = checkNumbers('counts', spec.counts);
  if (counts.length === 0)
    throw new ValueError(`${where}: a histogram needs at least one bin, received an empty counts array`);
  if (!Number.isFinite(spec.min) || !Number.isFinite(spec.max) || !(spec.max >= spec.min)) {
    throw new ValueError(`${where}: a histogram needs finite min <= max, received min=${spec.min}, max=${spec.max}`);
  }
  return { ...spec, counts };
}

/**
 * Counts of `values` in `bins` equal-width bins over [min, max]; NaN is ignored, values outside are clamped into
 * the first or last bin.
 * @example histogramCounts([0, 0.1, 0.5, 0.99, 1, NaN, -5], 2, 0, 1) // → [3, 3]
 */
export function histogramCounts(values: ArrayLike<number>, bins: number, min: number, max: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins || 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - min) / width)));
    counts[b]!++;
  }
  return counts;
}
