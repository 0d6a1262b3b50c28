import { axes, escapeXml, svgDocument, type Box } from './svg.js';

/** Counts of `values` in `bins` equal-width bins over [min, max]; NaN is ignored, values outside are clamped. */
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

/** A histogram to draw: `counts[i]` samples fell in [min + i·w, min + (i+1)·w). */
export interface HistogramOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly counts: readonly number[];
  readonly min: number;
  readonly max: number;
}

/**
 * One histogram as bars inside `box`.
 *
 * @example
 * histogramFragment({ x: 0, y: 0, width: 400, height: 260 }, { title: 'dense_1', xLabel: 'activation',
 *   counts: [1, 4, 2], min: -1, max: 2 });
 */
export function histogramFragment(box: Box, h: HistogramOptions): string {
  const top = Math.max(1, ...h.counts);
  const frame = axes(box, [h.min, h.max], [0, top], { title: h.title, x: h.xLabel, y: 'count' });
  const w = (h.max - h.min) / Math.max(1, h.counts.length);
  const bars = h.counts.map((c, i) => {
    const x0 = frame.px(h.min + i * w);
    const x1 = frame.px(h.min + (i + 1) * w);
    const y = frame.py(c);
    return `<rect x="${x0.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0.5, x1 - x0 - 0.5).toFixed(1)}" height="${(frame.py(0) - y).toFixed(1)}" fill="#0072B2"><title>${escapeXml(String(c))}</title></rect>`;
  });
  return [frame.svg, ...bars].join('\n');
}

/** A grid of histograms in one SVG document. */
export function histogramGrid(histograms: readonly HistogramOptions[], columns = 3, cell = { width: 400, height: 260 }): string {
  const cols = Math.max(1, Math.min(columns, histograms.length));
  const rows = Math.max(1, Math.ceil(histograms.length / cols));
  const body = histograms
    .map((h, i) => histogramFragment({ x: (i % cols) * cell.width, y: Math.floor(i / cols) * cell.height, ...cell }, h))
    .join('\n');
  return svgDocument(cols * cell.width, rows * cell.height, body);
}
