import type { Tensor } from '@rectify/tensor';
import type { data } from '@rectify/rectify';
import type { Dataset } from '../types.js';

/** What a saved model fixes about its data: the columns, classes and standardisation it was trained with. */
export interface TrainedOn {
  readonly featureNames?: readonly string[];
  readonly classNames?: readonly string[];
  readonly standardizer?: { readonly mean: readonly number[]; readonly std: readonly number[] };
}

/** Which part of a streamed dataset a row belongs to. */
export type Part = 'train' | 'validation' | 'test';

/** One batch as fitDataset takes it: inputs `[b, ...inputShape]`, targets as `splitTensors` makes them. */
export interface Batch {
  readonly xs: Tensor;
  readonly ys: Tensor;
}

/**
 * A dataset read from disk batch by batch, never whole: the facts the model builder needs (`info`, whose splits
 * are empty), how many samples each part has, and the batches of each part as an rf.data dataset.
 */
export interface StreamedData {
  readonly info: Dataset;
  readonly counts: Readonly<Record<Part, number>>;
  /**
   * The batches of `part`; training batches are shuffled through a buffer from `seed` (differently on each pass
   * over the same dataset). `skip` drops that many samples first, after the shuffle: a run resumed inside an epoch
   * continues with the batches it had not trained on, without decoding the others.
   */
  batches(part: Part, batchSize: number, seed: number, skip?: number): data.Dataset<Batch>;
}
