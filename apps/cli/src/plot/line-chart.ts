import { axes, escapeXml, PALETTE, svgDocument, type Box } from './svg.js';

/** One curve: its legend name and its points; points with a non-finite y are skipped (a gap). */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** Dashed lines tell validation curves from training curves. */
  readonly dashed?: boolean;
  /** Index into the palette, so that related series can share a colour. */
  readonly color?: number;
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
}

/**
 * One line chart inside `box`: axes, one polyline per series, a legend at the top right.
 *
 * @example
 * lineChartFragment({ x: 0, y: 0, width: 480, height: 320 }, { title: 'loss', xLabel: 'epoch', yLabel: 'loss',
 *   series: [{ name: 'loss', points: [[1, 0.9], [2, 0.5]] }] });
 */
export function lineChartFragment(box: Box, options: LineChartOptions): string {
  const finite = options.series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const xs = finite.map(([x]) => x);
  const ys = finite.map(([, y]) => y);
  const xRange: [number, number] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const yRange: [number, number] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  const pad = (yRange[1] - yRange[0]) * 0.05;
  const frame = axes(box, xRange, [yRange[0] - pad, yRange[1] + pad], { title: options.title, x: options.xLabel, y: options.yLabel });
  const parts = [frame.svg];
  const legendX = frame.area.x + frame.area.width - 156;
  const legend: string[] = [
    `<rect x="${legendX}" y="${frame.area.y + 2}" width="152" height="${16 * options.series.length + 6}" fill="white" fill-opacity="0.85" stroke="#ccc"/>`,
  ];
  options.series.forEach((s, i) => {
    const color = PALETTE[(s.color ?? i) % PALETTE.length]!;
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const path = pts.map(([x, y]) => `${frame.px(x).toFixed(1)},${frame.py(y).toFixed(1)}`).join(' ');
    if (pts.length > 1) parts.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    for (const [x, y] of pts.length <= 30 ? pts : []) {
      parts.push(`<circle cx="${frame.px(x).toFixed(1)}" cy="${frame.py(y).toFixed(1)}" r="2.5" fill="${color}"/>`);
    }
    const ly = frame.area.y + 16 + 16 * i;
    const lx = legendX + 6;
    legend.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${dash}/>`);
    legend.push(`<text x="${lx + 28}" y="${ly}">${escapeXml(s.name)}</text>`);
  });
  return [...parts, ...legend].join('\n');
}

/**
 * Several charts side by side in one SVG document (one row, or a grid of `columns`).
 *
 * @example
 * const svg = chartGrid([lossChart, accuracyChart]);
 * writeFileSync('curves.svg', svg);
 */
export function chartGrid(charts: readonly LineChartOptions[], columns = 2, cell = { width: 520, height: 340 }): string {
  const cols = Math.max(1, Math.min(columns, charts.length));
  const rows = Math.max(1, Math.ceil(charts.length / cols));
  const body = charts
    .map((c, i) => lineChartFragment({ x: (i % cols) * cell.width, y: Math.floor(i / cols) * cell.height, ...cell }, c))
    .join('\n');
  return svgDocument(cols * cell.width, rows * cell.height, body);
}
