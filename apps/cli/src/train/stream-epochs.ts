import type { LayersModel } from '@rectify/rectify';
import { setSeed } from '@rectify/tensor';
import type { StreamedData } from '../datasets/streamed/types.js';
import type { Reporter } from '../output/reporter.js';
import { shuffleKey, stepSeed } from './seeds.js';
import { BATCH_KEYS, endEpochPass, yieldToEventLoop } from './epoch-pass.js';
import { combineLogs, type TrainState } from './state.js';

export interface StreamTrainerOptions {
  readonly model: LayersModel;
  readonly stream: StreamedData;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly reporter: Reporter;
  /** True once the user pressed Ctrl-C. */
  readonly interrupted: () => boolean;
  /** Called after every completed epoch, and once when stopping mid-epoch, to persist the state. */
  readonly onState: (state: TrainState, reason: 'epoch' | 'interrupt') => Promise<void>;
}

/** The shuffle seed of epoch `epoch`'s pass over the stream, from (seed, epoch) alone. */
function epochSeed(seed: number, epoch: number): number {
  return shuffleKey(seed, epoch).uint32(1)[0]!;
}

/**
 * The streamed counterpart of `runEpochs` (trainer.ts), with the same state and the same resume guarantee: one
 * `fitDataset` call per epoch (or the rest of one) over a pass whose shuffle derives from (seed, epoch), the
 * samples already trained skipped, and the global seed set from (seed, epoch, step) before every step — so a run
 * resumed at epoch e, step s trains on the batches, with the dropout masks, of an uninterrupted run.
 */
export async function runStreamedEpochs(
  start: TrainState,
  o: StreamTrainerOptions,
): Promise<{ state: TrainState; interrupted: boolean }> {
  const n = o.stream.counts.train;
  const steps = Math.ceil(n / o.batchSize);
  let state = start;
  for (let epoch = state.epoch; epoch < o.epochs; epoch++) {
    if (o.interrupted()) {
      await o.onState(state, 'interrupt');
      return { state, interrupted: true };
    }
    const firstStep = epoch === state.epoch ? state.step : 0;
    const partial = epoch === state.epoch ? state.partial : null;
    const remaining = Math.max(n - firstStep * o.batchSize, 0);
    const batches = o.stream.batches('train', o.batchSize, epochSeed(o.seed, epoch), firstStep * o.batchSize);
    let lastLogs: Record<string, number> = {};
    let stepsRun = 0;
    const t0 = performance.now();
    const priorSamples = partial?.samples ?? 0;
    o.reporter.epochStart(epoch + 1, o.epochs, steps);
    await o.model.fitDataset(batches, {
      epochs: 1,
      verbose: 0,
      callbacks: {
        onBatchBegin: (batch) => setSeed(stepSeed(o.seed, epoch, firstStep + batch)),
        onBatchEnd: async (batch, logs = {}) => {
          stepsRun = batch + 1;
          lastLogs = Object.fromEntries(Object.entries(logs).filter(([k]) => !BATCH_KEYS.has(k)));
          const done = Math.min(stepsRun * o.batchSize, remaining);
          const rate = done / Math.max((performance.now() - t0) / 1000, 1e-9);
          o.reporter.step({
            epoch: epoch + 1,
            epochs: o.epochs,
            step: firstStep + stepsRun,
            steps,
            logs: combineLogs(partial, lastLogs, done),
            samplesPerSecond: rate,
            etaSeconds: (n - priorSamples - done) / rate,
          });
          await yieldToEventLoop();
          if (o.interrupted()) o.model.stopTraining = true;
        },
      },
    });
    const end = await endEpochPass(
      state,
      {
        epoch,
        firstStep,
        stepsRun,
        steps,
        samplesPerEpoch: n,
        partial,
        lastLogs,
        samples: Math.min(stepsRun * o.batchSize, remaining),
        seconds: (performance.now() - t0) / 1000,
      },
      {
        ...o,
        validate: async () =>
          o.stream.counts.validation > 0
            ? ((await o.model.evaluateDataset(o.stream.batches('validation', Math.max(o.batchSize, 256), o.seed), {
                returnDict: true,
              })) as Record<string, number>)
            : {},
      },
    );
    state = end.state;
    if (end.interrupted) return end;
  }
  return { state, interrupted: false };
}
