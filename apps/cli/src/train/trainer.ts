import { gather, setSeed, tensor, type Tensor } from '@rectify/tensor';
import type { Reporter } from '../output/reporter.js';
import { permutation } from '../datasets/split.js';
import { shuffleKey, stepSeed } from './seeds.js';
import { BATCH_KEYS, endEpochPass, yieldToEventLoop } from './epoch-pass.js';
import { combineLogs, type TrainState } from './state.js';

/** The part of a compiled Rectify model the trainer drives. */
export interface FitModel {
  stopTraining: boolean;
  fit(x: Tensor, y: Tensor, options: FitCallOptions): Promise<unknown>;
  evaluate(x: Tensor, y: Tensor, options: { batchSize?: number; returnDict: true }): Record<string, number>;
}

interface FitCallOptions {
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  verbose: 0;
  callbacks: {
    onBatchBegin(batch: number): void;
    onBatchEnd(batch: number, logs?: Record<string, number>): Promise<void>;
  };
}

export interface TrainerOptions {
  readonly model: FitModel;
  readonly train: { readonly x: Tensor; readonly y: Tensor };
  readonly validation: { readonly x: Tensor; readonly y: Tensor } | null;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly reporter: Reporter;
  /** True once the user pressed Ctrl-C. */
  readonly interrupted: () => boolean;
  /** Called after every completed epoch, and once when stopping mid-epoch, to persist the state. */
  readonly onState: (state: TrainState, reason: 'epoch' | 'interrupt') => Promise<void>;
}

/**
 * Runs the epochs from `state` on, one `fit` call per epoch (or the rest of one) over data this function shuffles
 * itself: epoch e's order derives from (seed, e), and the global random seed is set from (seed, e, step) before
 * every step, so the same batches and dropout masks come out whether a run is resumed or not. Returns the final
 * state and whether it stopped because of Ctrl-C.
 */
export async function runEpochs(
  start: TrainState,
  o: TrainerOptions,
): Promise<{ state: TrainState; interrupted: boolean }> {
  const n = o.train.x.shape[0]!;
  const steps = Math.ceil(n / o.batchSize);
  let state = start;
  for (let epoch = state.epoch; epoch < o.epochs; epoch++) {
    if (o.interrupted()) {
      await o.onState(state, 'interrupt');
      return { state, interrupted: true };
    }
    const firstStep = epoch === state.epoch ? state.step : 0;
    const partial = epoch === state.epoch ? state.partial : null;
    const order = permutation(n, shuffleKey(o.seed, epoch)).subarray(firstStep * o.batchSize);
    const index = tensor(order, [order.length], 'int32');
    const x = gather(o.train.x, index, 0);
    const y = gather(o.train.y, index, 0);
    index.dispose();
    let lastLogs: Record<string, number> = {};
    let stepsRun = 0;
    const t0 = performance.now();
    const priorSamples = partial?.samples ?? 0;
    o.reporter.epochStart(epoch + 1, o.epochs, steps);
    try {
      await o.model.fit(x, y, {
        epochs: 1,
        batchSize: o.batchSize,
        shuffle: false,
        verbose: 0,
        callbacks: {
          onBatchBegin: (batch) => setSeed(stepSeed(o.seed, epoch, firstStep + batch)),
          onBatchEnd: async (batch, logs = {}) => {
            stepsRun = batch + 1;
            lastLogs = Object.fromEntries(Object.entries(logs).filter(([k]) => !BATCH_KEYS.has(k)));
            const done = Math.min(stepsRun * o.batchSize, order.length);
            const seconds = (performance.now() - t0) / 1000;
            const rate = done / Math.max(seconds, 1e-9);
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
    } finally {
      x.dispose();
      y.dispose();
    }
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
        samples: Math.min(stepsRun * o.batchSize, order.length),
        seconds: (performance.now() - t0) / 1000,
      },
      {
        ...o,
        validate: () =>
          o.validation
            ? o.model.evaluate(o.validation.x, o.validation.y, {
                batchSize: Math.max(o.batchSize, 256),
                returnDict: true,
              })
            : {},
      },
    );
    state = end.state;
    if (end.interrupted) return end;
  }
  return { state, interrupted: false };
}
