import { tensor, type Tensor } from '@rectify/tensor';
import type { Dataset, Split } from '../datasets/types.js';

/**
 * A split as model inputs and targets: x `[n, ...inputShape]` float32; y `[n, ...targetShape]`, int32 class
 * indices for classification and sequences, float32 values (`[n, 1]`) for regression.
 *
 * @example
 * const { x, y } = splitTensors(data.train, data); // x [120, 4], y [120] for iris
 */
export function splitTensors(
  split: Split,
  dataset: Pick<Dataset, 'inputShape' | 'targetShape' | 'task'>,
): { x: Tensor; y: Tensor } {
  const x = tensor(split.x, [split.n, ...dataset.inputShape], 'float32');
  const y =
    dataset.task === 'regression'
      ? tensor(split.y, [split.n, ...(dataset.targetShape.length === 0 ? [1] : dataset.targetShape)], 'float32')
      : tensor(Int32Array.from(split.y), [split.n, ...dataset.targetShape], 'int32');
  return { x, y };
}
