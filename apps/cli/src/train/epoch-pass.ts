import type { Reporter } from '../output/reporter.js';
import type { EpochLog } from '../run-dir/metrics-log.js';
import { combineLogs, extendPartial, type PartialEpoch, type TrainState } from './state.js';

/** Lets signal handlers and timers run between steps: fit and fitDataset await their callbacks only as microtasks. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** The batch-level keys fit and fitDataset add to their logs that are not measurements. */
export const BATCH_KEYS: ReadonlySet<string> = new Set(['batch', 'size']);

/** What one pass over an epoch (or the rest of one, when resumed) ran and measured. */
export interface EpochPass {
  readonly epoch: number;
  /** The step the pass started at (non-zero when resumed inside the epoch) and the number of steps it ran. */
  readonly firstStep: number;
  readonly stepsRun: number;
  /** Steps in a whole epoch, and samples in it. */
  readonly steps: number;
  readonly samplesPerEpoch: number;
  /** What the earlier, interrupted part of this epoch measured, if it was resumed. */
  readonly partial: PartialEpoch | null;
  readonly lastLogs: Readonly<Record<string, number>>;
  /** Samples and seconds of this pass alone. */
  readonly samples: number;
  readonly seconds: number;
}

export interface EpochPassEnd {
  readonly epochs: number;
  readonly reporter: Reporter;
  readonly onState: (state: TrainState, reason: 'epoch' | 'interrupt') => Promise<void>;
  /** The validation logs of the model as it stands at the end of the epoch ({} without validation data). */
  readonly validate: () => Promise<Record<string, number>> | Record<string, number>;
}

/**
 * Ends a pass for both trainers (in-memory `runEpochs`, streamed `runStreamedEpochs`) and persists the state:
 * stopped inside the epoch, the state keeps what these steps measured, so that a resumed run completes the epoch's
 * logs; otherwise the epoch's log (training logs over the whole epoch, validation logs, seconds) joins the history.
 */
export async function endEpochPass(
  state: TrainState,
  pass: EpochPass,
  o: EpochPassEnd,
): Promise<{ state: TrainState; interrupted: boolean }> {
  const { epoch, partial, lastLogs, samples, seconds } = pass;
  if (pass.firstStep + pass.stepsRun < pass.steps) {
    const stopped: TrainState = {
      ...state,
      epoch,
      step: pass.firstStep + pass.stepsRun,
      partial: extendPartial(partial, lastLogs, samples, seconds),
      seconds: state.seconds + seconds,
    };
    o.reporter.close();
    await o.onState(stopped, 'interrupt');
    return { state: stopped, interrupted: true };
  }
  const trainLogs = combineLogs(partial, lastLogs, samples);
  const valLogs = await o.validate();
  const epochSeconds = seconds + (partial?.seconds ?? 0);
  const log: EpochLog = {
    epoch: epoch + 1,
    ...trainLogs,
    ...Object.fromEntries(Object.entries(valLogs).map(([k, v]) => [`val_${k}`, v])),
    epoch_seconds: epochSeconds,
  };
  const next: TrainState = {
    version: 1,
    epoch: epoch + 1,
    step: 0,
    partial: null,
    history: [...state.history, log],
    seconds: state.seconds + seconds,
  };
  o.reporter.epochEnd(log, o.epochs, epochSeconds, pass.samplesPerEpoch / Math.max(epochSeconds, 1e-9));
  await o.onState(next, 'epoch');
  return { state: next, interrupted: false };
}
