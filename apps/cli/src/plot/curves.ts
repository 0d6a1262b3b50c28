import { type LinePlot, plotGrid } from '@rectify/plot';
import type { EpochLog } from '../run-dir/metrics-log.js';

/**
 * The training curves of one run: one chart per quantity (loss, then each metric), training solid and
 * validation dashed.
 *
 * @example
 * writeFileSync('curves.svg', curvesSvg([{ epoch: 1, loss: 0.9, val_loss: 1 }, { epoch: 2, loss: 0.5, val_loss: 0.7 }]));
 */
export function curvesSvg(history: readonly EpochLog[]): string {
  const names = [...new Set(history.flatMap((h) => Object.keys(h)))].filter(
    (k) => k !== 'epoch' && !k.startsWith('val_') && k !== 'epoch_seconds',
  );
  const epochs = history.map((h) => h.epoch);
  const charts: LinePlot[] = names.map((name) => ({
    title: name,
    xLabel: 'epoch',
    yLabel: name,
    series: [
      { name, x: epochs, y: history.map((h) => h[name] ?? NaN) },
      ...(history.some((h) => h[`val_${name}`] !== undefined)
        ? [{ name: `val_${name}`, x: epochs, y: history.map((h) => h[`val_${name}`] ?? NaN), dashed: true }]
        : []),
    ],
  }));
  return plotGrid(charts);
}
