import type { BarPlot, HistogramPlot, LinePlot, PlotSpec } from './plot-spec.js';
import { type Scale, extent, formatTick, makeScale } from './scale.js';

/** Colour-blind-safe palette (Okabe–Ito), cycled per series. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const px = (v: number): string => (Math.round(v * 10) / 10).toString();

interface Frame {
  readonly w: number;
  readonly h: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

function frameFor(spec: PlotSpec, w: number, h: number): Frame {
  return { w, h, left: 56, right: w - 12, top: spec.title ? 28 : 12, bottom: h - (spec.xLabel ? 44 : 30) };
}

function yAxis(f: Frame, y: Scale, label: string | undefined): string {
  const parts = y.ticks.map((t) => {
    const py = px(y(t));
    return `<line class="grid" x1="${f.left}" x2="${f.right}" y1="${py}" y2="${py}"/><text x="${f.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${formatTick(t)}</text>`;
  });
  if (label)
    parts.push(
      `<text x="14" y="${px((f.top + f.bottom) / 2)}" text-anchor="middle" transform="rotate(-90 14 ${px((f.top + f.bottom) / 2)})">${esc(label)}</text>`,
    );
  return parts.join('');
}

interface LegendItem {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
}

/** Legend entries in rows under the plot, wrapped to its width, so they never hide data. */
function legendOf(f: Frame, items: readonly LegendItem[]): { svg: string; height: number } {
  if (items.length < 2 && !items[0]?.dashed) return { svg: '', height: 0 };
  let x = f.left;
  let row = 0;
  const parts = items.map((it) => {
    const w = 30 + 6.2 * it.name.length + 14;
    if (x + w > f.w && x > f.left) {
      x = f.left;
      row++;
    }
    const y = f.h + 4 + row * 16;
    const dash = it.dashed ? ' stroke-dasharray="5 3"' : '';
    const g = `<g class="legend"><line x1="${px(x)}" x2="${px(x + 22)}" y1="${y}" y2="${y}" stroke="${esc(it.color)}" stroke-width="2"${dash}/><text x="${px(x + 26)}" y="${y}" dominant-baseline="middle">${esc(it.name)}</text></g>`;
    x += w;
    return g;
  });
  return { svg: parts.join(''), height: (row + 1) * 16 + 4 };
}

/** A drawn plot before it becomes a document: its size (legend included) and its SVG content. */
interface Drawn {
  readonly width: number;
  readonly height: number;
  readonly aria: string;
  readonly content: string;
}

function chrome(spec: PlotSpec, f: Frame, body: string, items: readonly LegendItem[]): Drawn {
  const legend = legendOf(f, items);
  const title = spec.title
    ? `<text class="title" x="${f.w / 2}" y="18" text-anchor="middle">${esc(spec.title)}</text>`
    : '';
  const xl = spec.xLabel
    ? `<text x="${px((f.left + f.right) / 2)}" y="${f.h - 6}" text-anchor="middle">${esc(spec.xLabel)}</text>`
    : '';
  const aria = esc(spec.title ?? (spec.kind === 'histogram' ? 'histogram' : spec.series.map((s) => s.name).join(', ')));
  const content = `<rect class="frame" x="${f.left}" y="${f.top}" width="${f.right - f.left}" height="${f.bottom - f.top}"/>${title}${xl}${body}${legend.svg}`;
  return { width: f.w, height: f.h + legend.height, aria, content };
}

function drawLine(spec: LinePlot, w: number, h: number): Drawn {
  const f = frameFor(spec, w, h);
  const log = spec.yScale === 'log';
  const [x0, x1] = extent(
    spec.series.flatMap((s) => s.x),
    false,
  );
  const [y0, y1] = extent(
    spec.series.flatMap((s) => s.y),
    log,
  );
  const x = makeScale(x0, x1, f.left, f.right);
  const y = makeScale(y0, y1, f.bottom, f.top, log);
  const xTicks = x.ticks
    .map((t) => `<text x="${px(x(t))}" y="${f.bottom + 14}" text-anchor="middle">${formatTick(t)}</text>`)
    .join('');
  const items = spec.series.map((s, i) => ({
    name: s.name,
    color: s.color ?? PALETTE[i % PALETTE.length]!,
    dashed: s.dashed ?? false,
  }));
  const paths = spec.series.map((s, i) => {
    let d = '';
    let pen = false;
    let points = 0;
    for (let k = 0; k < s.x.length; k++) {
      const vx = s.x[k]!;
      const vy = s.y[k]!;
      if (!Number.isFinite(vx) || !Number.isFinite(vy) || (log && vy <= 0)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${px(x(vx))} ${px(y(Math.min(Math.max(vy, y0), y1)))}`;
      pen = true;
      points++;
    }
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    return `<path class="rf-series" data-points="${points}" fill="none" stroke="${esc(items[i]!.color)}" stroke-width="2"${dash} d="${d}"/>`;
  });
  return chrome(spec, f, yAxis(f, y, spec.yLabel) + xTicks + paths.join(''), items);
}

function drawBar(spec: BarPlot, w: number, h: number): Drawn {
  const f = frameFor(spec, w, h);
  const log = spec.yScale === 'log';
  const all = spec.series.flatMap((s) => s.values);
  let [y0, y1] = extent(log ? all : [0, ...all], log);
  if (!log) y0 = Math.min(0, y0);
  if (!log && y1 <= 0) y1 = 1;
  // Bars grow from the bottom of a log axis: start a little below the smallest so that it still shows.
  if (log) y0 = Math.min(y0, 10 ** (Math.floor(Math.log10(y0)) - 0.2));
  const y = makeScale(y0, y1, f.bottom, f.top, log);
  const group = (f.right - f.left) / spec.labels.length;
  const bar = (group * 0.8) / spec.series.length;
  const base = log ? f.bottom : y(0);
  const rects: string[] = [];
  spec.series.forEach((s, si) => {
    s.values.forEach((v, li) => {
      if (!Number.isFinite(v) || (log && v <= 0)) return;
      const top = y(Math.min(Math.max(v, y0), y1));
      const bx = f.left + li * group + group * 0.1 + si * bar;
      rects.push(
        `<rect class="rf-bar" data-value="${v}" x="${px(bx)}" y="${px(Math.min(top, base))}" width="${px(Math.max(bar - 1, 1))}" height="${px(Math.max(Math.abs(base - top), 0.5))}" fill="${PALETTE[si % PALETTE.length]}"><title>${esc(`${s.name} · ${spec.labels[li]}: ${v}`)}</title></rect>`,
      );
    });
  });
  const labels = spec.labels
    .map(
      (l, i) =>
        `<text x="${px(f.left + (i + 0.5) * group)}" y="${f.bottom + 14}" text-anchor="middle">${esc(l)}</text>`,
    )
    .join('');
  const items = spec.series.map((s, i) => ({ name: s.name, color: PALETTE[i % PALETTE.length]! }));
  return chrome(spec, f, yAxis(f, y, spec.yLabel) + labels + rects.join(''), items);
}

function drawHistogram(spec: HistogramPlot, w: number, h: number): Drawn {
  const f = frameFor(spec, w, h);
  const top = Math.max(1, ...spec.counts);
  const [lo, hi] = spec.min === spec.max ? [spec.min - 0.5, spec.max + 0.5] : [spec.min, spec.max];
  const x = makeScale(lo, hi, f.left, f.right);
  const y = makeScale(0, top * 1.05, f.bottom, f.top);
  const binWidth = (hi - lo) / spec.counts.length;
  const bars = spec.counts.map((c, i) => {
    const x0 = x(lo + i * binWidth);
    const x1 = x(lo + (i + 1) * binWidth);
    return `<rect class="rf-bar" data-value="${c}" x="${px(x0)}" y="${px(y(c))}" width="${px(Math.max(0.5, x1 - x0 - 0.5))}" height="${px(f.bottom - y(c))}" fill="${PALETTE[0]}"><title>${c}</title></rect>`;
  });
  const xTicks = x.ticks
    .map((t) => `<text x="${px(x(t))}" y="${f.bottom + 14}" text-anchor="middle">${formatTick(t)}</text>`)
    .join('');
  return chrome(spec, f, yAxis(f, y, spec.yLabel ?? 'count') + xTicks + bars.join(''), []);
}

function draw(spec: PlotSpec, width: number, height: number): Drawn {
  if (spec.kind === 'bar') return drawBar(spec, width, height);
  if (spec.kind === 'histogram') return drawHistogram(spec, width, height);
  return drawLine(spec, width, height);
}

const svgOpen = (d: Drawn, extra = ''): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" class="rf-plot"${extra} viewBox="0 0 ${d.width} ${d.height}" width="${d.width}" height="${d.height}" role="img" aria-label="${d.aria}">`;

/**
 * Draws a checked plot spec as a self-contained SVG string — the same function at build time (the activation
 * plots are static), in the page (example output, the playground) and in the CLI (curves.svg).
 * @example renderPlot({ series: [{ name: 'x²', x: [0, 1, 2], y: [0, 1, 4] }] }).startsWith('<svg') // → true
 */
export function renderPlot(spec: PlotSpec, width = 560, height = 300): string {
  const d = draw(spec, width, height);
  return `${svgOpen(d)}${d.content}</svg>`;
}

/**
 * Several plots in one SVG document, `columns` to a row, each in a `cell` of the given size (a row is as tall as
 * its tallest plot, legends included), on a white background so that the file reads well in any viewer.
 * @example
 * const lossPlot = { title: 'loss', series: [{ name: 'train', x: [1, 2, 3], y: [0.9, 0.5, 0.3] }] };
 * const accuracyPlot = { title: 'accuracy', series: [{ name: 'train', x: [1, 2, 3], y: [0.5, 0.8, 0.9] }] };
 * plotGrid([lossPlot, accuracyPlot], { columns: 2 }).startsWith('<svg'); // → true
 */
export function plotGrid(
  specs: readonly PlotSpec[],
  options: { columns?: number; width?: number; height?: number } = {},
): string {
  const { columns = 2, width = 520, height = 320 } = options;
  const cols = Math.max(1, Math.min(columns, specs.length));
  const drawn = specs.map((s) => draw(s, width, height));
  const rows: Drawn[][] = [];
  for (let i = 0; i < drawn.length; i += cols) rows.push(drawn.slice(i, i + cols));
  let y = 0;
  const parts: string[] = [];
  for (const row of rows) {
    row.forEach((d, c) => parts.push(`${svgOpen(d, ` x="${c * width}" y="${y}"`)}${d.content}</svg>`));
    y += Math.max(...row.map((d) => d.height));
  }
  const total = { width: cols * width, height: Math.max(y, 1) };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="rf-plot-grid" viewBox="0 0 ${total.width} ${total.height}" width="${total.width}" height="${total.height}" font-family="sans-serif" font-size="12">` +
    `<style>.rf-plot .frame{fill:none;stroke:#333}.rf-plot .grid{stroke:#e5e5e5}.rf-plot .title{font-size:14px}</style>` +
    `<rect width="${total.width}" height="${total.height}" fill="white"/>${parts.join('')}</svg>\n`
  );
}
