import { ValueError, checkOptions, optionNames } from '@rectify/tensor';
import type { CallbackHooks } from '../callbacks/callback.js';
import { checkNonNegativeInt, checkPositiveInt } from '../checks.js';
import type { Data } from './data.js';

export interface FitOptions {
  /** Passes over the training data (default 1). */
  epochs?: number;
  /** Examples per step (default 32). */
  batchSize?: number;
  /** 0 silent, 1 or 2: one line per epoch (default 1). */
  verbose?: 0 | 1 | 2;
  /** Holds out the LAST fraction of the examples, before shuffling, for validation (Keras). */
  validationSplit?: number;
  /** Validation examples given explicitly: [x, y]. Takes precedence over validationSplit. */
  validationData?: readonly [Data, Data];
  /** Batch size for validation (default batchSize). */
  validationBatchSize?: number;
  /** Reshuffle the training examples every epoch (default true). */
  shuffle?: boolean;
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

export interface ResolvedFitOptions {
  epochs: number;
  batchSize: number;
  verbose: 0 | 1 | 2;
  validationSplit: number;
  validationBatchSize: number;
  shuffle: boolean;
  seed: number | undefined;
  callbacks: CallbackHooks[];
  initialEpoch: number;
  terminateOnNaN: boolean;
  printFn: (line: string) => void;
}

const known = optionNames<FitOptions>()({
  epochs: true, batchSize: true, verbose: true, validationSplit: true, validationData: true, validationBatchSize: true, shuffle: true,
  seed: true, callbacks: true, initialEpoch: true, terminateOnNaN: true, printFn: true,
});

/** Validates fit's options (unknown names included: a misspelt 'batch_size' would otherwise be ignored). */
export function resolveFitOptions(o: FitOptions = {}): ResolvedFitOptions {
  checkOptions('fit', o, known);
  const batchSize = checkPositiveInt('fit', 'batchSize', o.batchSize ?? 32);
  const validationSplit = o.validationSplit ?? 0;
  if (typeof validationSplit !== 'number' || !(validationSplit >= 0 && validationSplit < 1)) {
    throw new ValueError(`fit: validationSplit must be in [0, 1), received ${String(validationSplit)}`);
  }
  const verbose = o.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new ValueError(`fit: verbose must be 0, 1 or 2, received ${String(verbose)}`);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new ValueError(`fit: seed must be an integer, received ${String(o.seed)}`);
  const callbacks = o.callbacks === undefined ? [] : Array.isArray(o.callbacks) ? [...o.callbacks] : [o.callbacks as CallbackHooks];
  callbacks.forEach((c, i) => {
    if (typeof c !== 'object' || c === null) throw new ValueError(`fit: callbacks[${i}] must be an object with hooks such as onEpochEnd, received ${String(c)}`);
  });
  const epochs = checkNonNegativeInt('fit', 'epochs', o.epochs ?? 1);
  const initialEpoch = checkNonNegativeInt('fit', 'initialEpoch', o.initialEpoch ?? 0);
  return {
    epochs,
    batchSize,
    verbose,
    validationSplit,
    validationBatchSize: checkPositiveInt('fit', 'validationBatchSize', o.validationBatchSize ?? batchSize),
    shuffle: o.shuffle ?? true,
    seed: o.seed,
    callbacks,
    initialEpoch,
    terminateOnNaN: o.terminateOnNaN ?? true,
    printFn: o.printFn ?? ((line) => console.log(line)),
  };
}
