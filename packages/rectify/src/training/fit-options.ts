import { ValueError, checkOptions, optionNames } from '@rectify/tensor';
import type { CallbackHooks } from '../callbacks/callback.js';
import { checkNonNegativeInt, checkPositiveInt } from '../checks.js';
import type { Data } from './data.js';

/** The options `fit` and `fitDataset` share. */
export interface LoopOptionsInput {
  /** Passes over the training data (default 1). */
  epochs?: number;
  /** 0 silent, 1 or 2: one line per epoch (default 1). */
  verbose?: 0 | 1 | 2;
  /**
   * Makes the run reproducible: the shuffles derive from it, and the global random stream is reset to it, so
   * dropout masks and the weights of a model built lazily by this call repeat too.
   */
  seed?: number;
  callbacks?: CallbackHooks | readonly CallbackHooks[];
  /** The epoch to start counting from, to resume training (default 0). */
  initialEpoch?: number;
  /** Stop with a NonFiniteLossError when the loss or a gradient becomes NaN/Inf (default true). */
  terminateOnNaN?: boolean;
  /** Where verbose lines go (default console.log). */
  printFn?: (line: string) => void;
}

export interface FitOptions extends LoopOptionsInput {
  /** Examples per step (default 32). */
  batchSize?: number;
  /** Holds out the LAST fraction of the examples, before shuffling, for validation (Keras). */
  validationSplit?: number;
  /** Validation examples given explicitly: [x, y]. Takes precedence over validationSplit. */
  validationData?: readonly [Data, Data];
  /** Batch size for validation (default batchSize). */
  validationBatchSize?: number;
  /** Reshuffle the training examples every epoch (default true). */
  shuffle?: boolean;
}

export interface LoopOptions {
  epochs: number;
  verbose: 0 | 1 | 2;
  seed: number | undefined;
  callbacks: CallbackHooks[];
  initialEpoch: number;
  terminateOnNaN: boolean;
  printFn: (line: string) => void;
}

export interface ResolvedFitOptions extends LoopOptions {
  batchSize: number;
  validationSplit: number;
  validationBatchSize: number;
  shuffle: boolean;
}

/** The names every loop accepts, for the `allowed` lists of each. */
export const loopKeys = optionNames<LoopOptionsInput>()({
  epochs: true,
  verbose: true,
  seed: true,
  callbacks: true,
  initialEpoch: true,
  terminateOnNaN: true,
  printFn: true,
});
const fitKeys = [
  ...loopKeys,
  ...optionNames<Omit<FitOptions, keyof LoopOptionsInput>>()({
    batchSize: true,
    validationSplit: true,
    validationData: true,
    validationBatchSize: true,
    shuffle: true,
  }),
];

/**
 * Validates the options every training loop shares; `allowed` lists the names `fn` accepts, so that a misspelt
 * 'batch_size' is an error (with a "did you mean" hint) rather than ignored.
 */
export function resolveLoopOptions(fn: string, o: LoopOptionsInput, allowed: readonly string[]): LoopOptions {
  checkOptions(fn, o, allowed);
  const verbose = o.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2)
    throw new ValueError(`${fn}: verbose must be 0, 1 or 2, received ${String(verbose)}`);
  if (o.seed !== undefined && !Number.isInteger(o.seed))
    throw new ValueError(`${fn}: seed must be an integer, received ${String(o.seed)}`);
  const callbacks =
    o.callbacks === undefined ? [] : Array.isArray(o.callbacks) ? [...o.callbacks] : [o.callbacks as CallbackHooks];
  callbacks.forEach((c, i) => {
    if (typeof c !== 'object' || c === null)
      throw new ValueError(
        `${fn}: callbacks[${i}] must be an object with hooks such as onEpochEnd, received ${String(c)}`,
      );
  });
  return {
    epochs: checkNonNegativeInt(fn, 'epochs', o.epochs ?? 1),
    verbose,
    seed: o.seed,
    callbacks,
    initialEpoch: checkNonNegativeInt(fn, 'initialEpoch', o.initialEpoch ?? 0),
    terminateOnNaN: o.terminateOnNaN ?? true,
    printFn: o.printFn ?? ((line) => console.log(line)),
  };
}

/** Validates fit's options (unknown names included: a misspelt 'batch_size' would otherwise be ignored). */
export function resolveFitOptions(o: FitOptions = {}): ResolvedFitOptions {
  const loop = resolveLoopOptions('fit', o, fitKeys);
  const batchSize = checkPositiveInt('fit', 'batchSize', o.batchSize ?? 32);
  const validationSplit = o.validationSplit ?? 0;
  if (typeof validationSplit !== 'number' || !(validationSplit >= 0 && validationSplit < 1)) {
    throw new ValueError(`fit: validationSplit must be in [0, 1), received ${String(validationSplit)}`);
  }
  return {
    ...loop,
    batchSize,
    validationSplit,
    validationBatchSize: checkPositiveInt('fit', 'validationBatchSize', o.validationBatchSize ?? batchSize),
    shuffle: o.shuffle ?? true,
  };
}
