import { type Tensor, add as addTensors } from '@rectify/tensor';
import type { LayerArgs } from '../../layer.js';
import { ElementwiseMerge } from './merge.js';

/**
 * Elementwise sum of a list of same-shaped inputs (residual connections).
 *
 * Shape: `[...]` × n → `[...]`. Reference: Keras `Add`.
 *
 * @example add().apply([ones([2, 3]), ones([2, 3])]); // → [[2, 2, 2], [2, 2, 2]]
 */
export class Add extends ElementwiseMerge {
  static override readonly className: string = 'Add';

  protected combine(a: Tensor, b: Tensor): Tensor {
    return addTensors(a, b);
  }
}

/** Creates an {@link Add} layer. @example add().apply([tensor([1, 2]), tensor([10, 20])]) // → [11, 22] */
export function add(args: LayerArgs = {}): Add {
  return new Add(args);
}
