import type { EpochLog } from '../run-dir/metrics-log.js';
import { chartGrid, type LineChartOptions } from './line-chart.js';

/**
 * The training curves of one run: one chart per quantity (loss, then each metric), training solid and
 * validation dashed in the same colour.
 *
 * @example
 * writeFileSync('curves.svg', curvesSvg([{ epoch: 1, loss: 0.9, val_loss: 1 }, { epoch: 2, loss: 0.5, val_loss: 0.7 }]));
 */
export function curvesSvg(history: readonly EpochLog[]): string {
  const names = [...new Set(history.flatMap((h) => Object.keys(h)))].filter(
    (k) => k !== 'epoch' && !k.startsWith('val_') && k !== 'epoch_seconds',
  );
  const charts: LineChartOptions[] = names.map((name) => ({
    title: name,
    xLabel: 'epoch',
    yLabel: name,
    series: [
      { name, points: history.map((h) => [h.epoch, h[name] ?? NaN] as const), color: 0 },
      ...(history.some((h) => h[`val_${name}`] !== undefined)
        ? [{ name: `val_${name}`, points: history.map((h) => [h.epoch, h[`val_${name}`] ?? NaN] as const), dashed: true, color: 1 }]
        : []),
    ],
  }));
  return chartGrid(charts);
}
