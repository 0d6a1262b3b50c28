import { type LinePlot, plotGrid } from '@rectify/plot';
import { mean, meanCurve, meanStd } from './stats.js';
import type { TrialResult } from './trial.js';

/** One row of the comparison table: an activation's results over its seeds. */
export interface CompareRow {
  readonly activation: string;
  readonly initializer: string;
  readonly seeds: number;
  /** The validation metric per seed (final epoch), e.g. val_accuracy. */
  readonly metric: readonly number[];
  readonly metricName: string;
  readonly finalLoss: number;
  readonly finalValLoss: number;
  readonly secondsPerEpoch: number;
  readonly peakRssMiB: number;
  /** Hidden layers only, as `train` reports them (the output layer is not a hidden unit). */
  readonly fractionActive: number;
  readonly deadUnits: number;
  readonly hiddenUnits: number;
}

/** The validation metric to compare on: `val_<first metric>`, or val_loss when there is none. */
export function metricKey(history: TrialResult['history']): string {
  const keys = Object.keys(history[history.length - 1] ?? {});
  return (
    keys.find((k) => k.startsWith('val_') && k !== 'val_loss') ?? (keys.includes('val_loss') ? 'val_loss' : 'loss')
  );
}

/** Aggregates the trials of each activation into a row. */
export function compareRows(
  trials: readonly TrialResult[],
  initializerOf: (activation: string) => string,
): CompareRow[] {
  const activations = [...new Set(trials.map((t) => t.activation))];
  return activations.map((activation) => {
    const mine = trials.filter((t) => t.activation === activation);
    const key = metricKey(mine[0]!.history);
    const last = mine.map((t) => t.history[t.history.length - 1]!);
    const hidden = mine.map((t) => Object.values(t.summary.activity ?? {}));
    return {
      activation,
      initializer: initializerOf(activation),
      seeds: mine.length,
      metric: last.map((l) => l[key] ?? NaN),
      metricName: key,
      finalLoss: mean(last.map((l) => l['loss'] ?? NaN)),
      finalValLoss: mean(last.map((l) => l['val_loss'] ?? NaN)),
      secondsPerEpoch: mean(mine.flatMap((t) => t.history.map((h) => h['epoch_seconds'] ?? NaN))),
      peakRssMiB: Math.max(...mine.map((t) => t.summary.peak_rss_mib ?? NaN)),
      fractionActive: mean(hidden.map((ls) => mean(ls.map((l) => l.fractionActive)))),
      deadUnits: mean(hidden.map((ls) => ls.reduce((s, l) => s + l.deadUnits, 0))),
      hiddenUnits: hidden[0]?.reduce((s, l) => s + l.units, 0) ?? 0,
    };
  });
}

/** The table cells for `rectify compare`, in the order of {@link COMPARE_HEADER}. */
export function compareCells(row: CompareRow): string[] {
  return [
    row.activation,
    row.initializer,
    meanStd(row.metric),
    row.finalLoss.toFixed(4),
    Number.isNaN(row.finalValLoss) ? '—' : row.finalValLoss.toFixed(4),
    row.secondsPerEpoch.toFixed(2),
    row.peakRssMiB.toFixed(0),
    Number.isNaN(row.fractionActive) ? '—' : `${(100 * row.fractionActive).toFixed(1)}%`,
    Number.isNaN(row.deadUnits) ? '—' : `${row.deadUnits.toFixed(row.seeds > 1 ? 1 : 0)}/${row.hiddenUnits}`,
  ];
}

export function compareHeader(metricName: string, seeds: number): string[] {
  return [
    'activation',
    'initializer',
    `${metricName} (mean ± std, ${seeds} seed${seeds > 1 ? 's' : ''})`,
    'loss',
    'val_loss',
    's/epoch',
    'peak MiB',
    'active',
    'dead',
  ];
}

/** The curves of every activation (mean over seeds): the validation metric and the training loss per epoch. */
export function compareSvg(trials: readonly TrialResult[], metricName: string): string {
  const activations = [...new Set(trials.map((t) => t.activation))];
  const curve = (a: string, key: string) =>
    meanCurve(trials.filter((t) => t.activation === a).map((t) => t.history.map((h) => h[key] ?? NaN)));
  const chart = (key: string): LinePlot => ({
    title: `${key} (mean over seeds)`,
    xLabel: 'epoch',
    yLabel: key,
    series: activations.map((a) => {
      const y = curve(a, key);
      return { name: a, x: y.map((_, e) => e + 1), y };
    }),
  });
  return plotGrid([chart(metricName), chart('loss')]);
}
