import { PALETTE, renderPlot } from '@rectify/plot';
import type { LabConfig, LabRecord } from './lab.js';

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Mean and spread of each layer's outputs: lines over the layers, or bars when there is a single layer. */
function spreadPlot(latest: readonly { label: string; rec: LabRecord }[]): string {
  const title = 'Output std and mean per layer';
  if (latest[0]!.rec.layers.length === 1) {
    const series = latest.map((r) => ({ name: r.label, values: [r.rec.layers[0]!.std, r.rec.layers[0]!.mean] }));
    return renderPlot({ kind: 'bar', title, labels: ['std', 'mean'], series }, 420, 240);
  }
  const series = latest.flatMap((r, i) => {
    const x = r.rec.layers.map((_, k) => k + 1);
    const color = PALETTE[i % PALETTE.length]!;
    return [
      { name: `${r.label} std`, x, y: r.rec.layers.map((l) => l.std), color },
      { name: `${r.label} mean`, x, y: r.rec.layers.map((l) => l.mean), color, dashed: true },
    ];
  });
  return renderPlot({ title: `${title} (mean dashed)`, xLabel: 'layer', series }, 420, 240);
}

/**
 * The playground's charts for runs in progress: loss and dead units over the steps; for the latest record of each
 * run, the active fraction, gradient norm and output spread per layer; and a table of the latest numbers.
 * @example grid.innerHTML = chartsFor([{ config, records }]).figures.join('')
 */
export function chartsFor(runs: readonly { config: LabConfig; records: readonly LabRecord[] }[]): {
  figures: string[];
  tableHtml: string;
} {
  const started = runs.filter((r) => r.records.length > 0);
  if (started.length === 0) return { figures: [], tableHtml: '' };
  const over = (pick: (r: LabRecord) => number) =>
    started.map((r) => ({ name: r.config.label, x: r.records.map((x) => x.step), y: r.records.map(pick) }));
  const latest = started.map((r) => ({ label: r.config.label, rec: r.records.at(-1)! }));
  const layerLabels = latest[0]!.rec.layers.map((l, i) => (latest[0]!.rec.layers.length > 1 ? String(i + 1) : l.name));
  const perLayer = (pick: (l: LabRecord['layers'][number]) => number) =>
    latest
      .filter((r) => r.rec.layers.length === layerLabels.length)
      .map((r) => ({ name: r.label, values: r.rec.layers.map(pick) }));
  const figures = [
    renderPlot({ title: 'Loss', xLabel: 'step', series: over((r) => r.loss) }, 420, 240),
    renderPlot(
      {
        title: 'Dead units (all layers)',
        xLabel: 'step',
        series: over((r) => r.layers.reduce((s, l) => s + l.deadUnits, 0)),
      },
      420,
      240,
    ),
    renderPlot(
      {
        kind: 'bar',
        title: 'Fraction of units active, per layer',
        xLabel: 'layer',
        labels: layerLabels,
        series: perLayer((l) => l.fractionActive),
      },
      420,
      240,
    ),
    renderPlot(
      {
        kind: 'bar',
        title: 'Gradient norm per layer (log)',
        xLabel: 'layer',
        yScale: 'log',
        labels: layerLabels,
        series: perLayer((l) => l.gradNorm),
      },
      420,
      240,
    ),
    spreadPlot(latest),
  ];
  const rows = latest.flatMap((r) =>
    r.rec.layers.map(
      (l) =>
        `<tr><td>${esc(r.label)}</td><td>${esc(l.name)}</td><td>${(100 * l.fractionActive).toFixed(1)}%</td><td>${l.deadUnits}/${l.units}</td><td>${l.gradNorm.toExponential(2)}</td><td>${l.mean.toFixed(3)}</td><td>${l.std.toFixed(3)}</td></tr>`,
    ),
  );
  const tableHtml =
    `<table class="rf-pg-table"><thead><tr><th>network</th><th>layer</th><th>active</th><th>dead</th><th>grad norm</th><th>mean</th><th>std</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>` +
    `<p class="rf-pg-status">Step ${latest.map((r) => `${esc(r.label)}: ${r.rec.step}, loss ${r.rec.loss.toFixed(4)}, accuracy ${(100 * r.rec.accuracy).toFixed(1)}%`).join(' · ')}</p>`;
  return { figures, tableHtml };
}
