const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 320;
const HEIGHT = 160;
const PAD = 8;

/**
 * Draws `losses` (one per epoch) as a polyline scaled to fill `svg`, which it empties first.
 * @example plotLoss(document.querySelector('svg')!, [0.7, 0.4, 0.2]);
 */
export function plotLoss(svg: SVGSVGElement, losses: readonly number[]): void {
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.replaceChildren();
  if (losses.length === 0) return;
  const max = Math.max(...losses);
  const min = Math.min(0, ...losses);
  const x = (i: number) => PAD + (losses.length === 1 ? 0 : (i / (losses.length - 1)) * (WIDTH - 2 * PAD));
  const y = (v: number) => HEIGHT - PAD - ((v - min) / (max - min || 1)) * (HEIGHT - 2 * PAD);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', losses.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#d2452b');
  line.setAttribute('stroke-width', '2');
  const axis = document.createElementNS(SVG, 'path');
  axis.setAttribute('d', `M${PAD} ${PAD}V${HEIGHT - PAD}H${WIDTH - PAD}`);
  axis.setAttribute('stroke', '#999');
  axis.setAttribute('fill', 'none');
  svg.append(axis, line);
}
