import { applyStandardizer, fitStandardizer } from './standardize.js';
import { limitSplit, splitFraction, stratifiedSplit } from './split.js';
import type { Dataset, LoadOptions, Split } from './types.js';

/** The parts of a dataset that do not depend on how it was split or preprocessed. */
export type DatasetInfo = Omit<Dataset, 'train' | 'test'>;

/** Raw samples: either one pool to split with a fixed seed, or a train/test pair the source already provides. */
export type RawSplits =
  | { readonly all: Split; readonly testFraction: number; readonly splitSeed: number }
  | { readonly train: Split; readonly test: Split };

/**
 * The shared tail of every loader: the fixed held-out split (stratified for classes), the training-sample
 * limit, and standardisation with statistics from the training split only, so that no test information leaks.
 *
 * @example
 * finishDataset(info, { all, testFraction: 0.2, splitSeed: 1 }, { standardize: true });
 */
export function finishDataset(info: DatasetInfo, raw: RawSplits, options: LoadOptions): Dataset {
  let train: Split;
  let test: Split;
  if ('all' in raw) {
    const splitter = info.task === 'classification' ? stratifiedSplit : splitFraction;
    const { head, tail } = splitter(raw.all, raw.testFraction, raw.splitSeed);
    train = head;
    test = tail;
  } else {
    train = raw.train;
    test = raw.test;
  }
  train = limitSplit(train, options.limit);
  if (options.standardize === true) {
    const stats = fitStandardizer(train);
    train = applyStandardizer(train, stats);
    test = applyStandardizer(test, stats);
    return { ...info, train, test, standardizer: { mean: Array.from(stats.mean), std: Array.from(stats.std) } };
  }
  return { ...info, train, test };
}
