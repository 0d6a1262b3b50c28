import { join } from 'node:path';
import { writeFileAtomicSync } from '@rectify/interop/node';

/** One epoch's logs: `epoch` (1-based) plus numbers under Keras names (`loss`, `accuracy`, `val_loss`, …). */
export type EpochLog = { readonly epoch: number } & Readonly<Record<string, number>>;

/** Columns in order of first appearance, `epoch` first. */
export function logColumns(history: readonly EpochLog[]): string[] {
  const columns = ['epoch'];
  for (const row of history) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

/**
 * The history as CSV: a header and one row per epoch; a value an epoch lacks is left empty.
 *
 * @example
 * historyCsv([{ epoch: 1, loss: 0.5 }]); // 'epoch,loss\n1,0.5\n'
 */
export function historyCsv(history: readonly EpochLog[]): string {
  const columns = logColumns(history);
  const rows = history.map((row) => columns.map((c) => (row[c] === undefined ? '' : String(row[c]))).join(','));
  return `${[columns.join(','), ...rows].join('\n')}\n`;
}

/** The history as JSON Lines: one object per epoch. */
export function historyJsonl(history: readonly EpochLog[]): string {
  return history.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/**
 * Rewrites `metrics.jsonl` and `metrics.csv` from the whole history. Rewriting (atomically) rather than appending
 * keeps the files equal to the checkpointed history after a resume, with no duplicated or half-written lines.
 *
 * @example
 * writeMetrics('runs/x', [{ epoch: 1, loss: 0.5, accuracy: 0.8 }]);
 */
export function writeMetrics(runDir: string, history: readonly EpochLog[]): { jsonl: string; csv: string } {
  const jsonl = join(runDir, 'metrics.jsonl');
  const csv = join(runDir, 'metrics.csv');
  writeFileAtomicSync(jsonl, historyJsonl(history));
  writeFileAtomicSync(csv, historyCsv(history));
  return { jsonl, csv };
}
