/** A rectangle on the page, in SVG user units (pixels). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Colours that stay distinguishable for the common forms of colour blindness (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A number short enough for an axis label: 0.000123 → "1.23e-4", 1234.5 → "1234.5", 0.25 → "0.25". */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/**
 * About `count` round tick values (steps of 1, 2 or 5 × 10^k) covering [min, max].
 *
 * @example
 * niceTicks(0, 1, 5); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** A whole SVG document of the given size holding `body`. */
export function svgDocument(width: number, height: number, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

/** Axes, grid lines and tick labels for a plot area; returns the SVG and the data→pixel mappings. */
export function axes(
  box: Box,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
  labels: { title: string; x: string; y: string },
): { svg: string; px: (x: number) => number; py: (y: number) => number; area: Box } {
  const area = { x: box.x + 56, y: box.y + 28, width: box.width - 72, height: box.height - 70 };
  const [x0, x1] = xRange[0] === xRange[1] ? [xRange[0] - 1, xRange[1] + 1] : xRange;
  const [y0, y1] = yRange[0] === yRange[1] ? [yRange[0] - 1, yRange[1] + 1] : yRange;
  const px = (x: number) => area.x + ((x - x0) / (x1 - x0)) * area.width;
  const py = (y: number) => area.y + area.height - ((y - y0) / (y1 - y0)) * area.height;
  const parts: string[] = [];
  parts.push(`<text x="${box.x + box.width / 2}" y="${box.y + 16}" text-anchor="middle" font-size="14">${escapeXml(labels.title)}</text>`);
  for (const t of niceTicks(y0, y1)) {
    parts.push(`<line x1="${area.x}" x2="${area.x + area.width}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${area.x - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${formatTick(t)}</text>`);
  }
  for (const t of niceTicks(x0, x1)) {
    parts.push(`<line x1="${px(t).toFixed(1)}" x2="${px(t).toFixed(1)}" y1="${area.y + area.height}" y2="${area.y + area.height + 4}" stroke="#333"/>`);
    parts.push(`<text x="${px(t).toFixed(1)}" y="${area.y + area.height + 17}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  parts.push(`<rect x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${area.x + area.width / 2}" y="${box.y + box.height - 8}" text-anchor="middle">${escapeXml(labels.x)}</text>`);
  parts.push(
    `<text transform="translate(${box.x + 14},${area.y + area.height / 2}) rotate(-90)" text-anchor="middle">${escapeXml(labels.y)}</text>`,
  );
  return { svg: parts.join('\n'), px, py, area };
}
