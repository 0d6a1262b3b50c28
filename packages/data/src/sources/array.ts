import { ValueError } from '@rectify/tensor';
import { Dataset } from '../dataset.js';

/**
 * A dataset of the items of an array, in order (tf.data.array). The items are not copied: tensors among them
 * belong to the caller, and batching makes copies.
 * @example rf.data.array([{ xs: [0, 1], ys: 1 }, { xs: [1, 1], ys: 0 }]).batch(2)
 */
export function array<T>(items: readonly T[]): Dataset<T> {
  if (!Array.isArray(items)) throw new ValueError(`array: items must be an array, received ${items === null ? 'null' : typeof items}`);
  return new Dataset<T>(async function* () {
    yield* items;
  }, items.length);
}
