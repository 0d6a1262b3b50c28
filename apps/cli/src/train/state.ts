import type { EpochLog } from '../run-dir/metrics-log.js';

/** Sums over the batches already trained in an unfinished epoch, so that its logs can be completed on resume. */
export interface PartialEpoch {
  readonly samples: number;
  /** Per log key: value × samples, summed (the logs are sample-weighted means). */
  readonly sums: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/**
 * Where a run stands: what a checkpoint stores next to the weights. `epoch` epochs are complete; `step` steps of
 * the next one are done too (0 at an epoch boundary, more after Ctrl-C in the middle of an epoch).
 */
export interface TrainState {
  readonly version: 1;
  readonly epoch: number;
  readonly step: number;
  readonly partial: PartialEpoch | null;
  readonly history: readonly EpochLog[];
  /** Training seconds so far, across resumes. */
  readonly seconds: number;
}

/** The state of a run that has not trained yet. */
export const FRESH_STATE: TrainState = { version: 1, epoch: 0, step: 0, partial: null, history: [], seconds: 0 };

/**
 * Merges a partial epoch's sums with the logs of the batches trained since (both sample-weighted means).
 *
 * @example
 * combineLogs({ samples: 10, sums: { loss: 5 }, seconds: 1 }, { loss: 0.3 }, 30); // { loss: 0.35 }
 */
export function combineLogs(
  partial: PartialEpoch | null,
  logs: Readonly<Record<string, number>>,
  samples: number,
): Record<string, number> {
  if (partial === null || partial.samples === 0) return { ...logs };
  const total = partial.samples + samples;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(logs)) out[k] = ((partial.sums[k] ?? 0) + v * samples) / total;
  return out;
}

/** The partial epoch after more batches: the previous sums plus this part's logs weighted by its samples. */
export function extendPartial(
  partial: PartialEpoch | null,
  logs: Readonly<Record<string, number>>,
  samples: number,
  seconds: number,
): PartialEpoch {
  const sums: Record<string, number> = { ...(partial?.sums ?? {}) };
  for (const [k, v] of Object.entries(logs)) sums[k] = (sums[k] ?? 0) + v * samples;
  return { samples: (partial?.samples ?? 0) + samples, sums, seconds: (partial?.seconds ?? 0) + seconds };
}
