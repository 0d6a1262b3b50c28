import { type Tensor, add, matmul, optionNames } from '@rectify/tensor';
import { DenseCell, type RNNCellArgs } from './dense-cell.js';
import type { LayerArgs } from '../../layer.js';

/**
 * The Elman cell: `h_t = activation(x_t·W + b + h_{t−1}·U)`; its output is its state.
 *
 * Parameters: see {@link RNNCellArgs}. Shape: `[batch, features]`, state `[batch, units]` → `[batch, units]`;
 * kernel `[features, units]`, recurrent kernel `[units, units]`, bias `[units]`. Reference: Keras `SimpleRNNCell`.
 *
 * @example simpleRNNCell({ units: 8 }).apply([ones([2, 3]), zeros([2, 8])]); // [h, h], each [2, 8]
 */
export class SimpleRNNCell extends DenseCell {
  static override readonly className: string = 'SimpleRNNCell';
  static override readonly argNames: readonly string[] = optionNames<Omit<RNNCellArgs, keyof LayerArgs>>()({
    units: true,
    activation: true,
    useBias: true,
    kernelInitializer: true,
    recurrentInitializer: true,
    biasInitializer: true,
    kernelRegularizer: true,
    recurrentRegularizer: true,
    biasRegularizer: true,
    dropout: true,
    recurrentDropout: true,
    seed: true,
  });

  protected get gates(): number {
    return 1;
  }

  step(projected: Tensor, [h]: readonly Tensor[]): Tensor[] {
    const z = add(projected, matmul(this.dropState(h!), this.recurrentKernel!));
    const next = this.activation ? this.activation.apply(z) : z;
    return [next, next];
  }
}

/** Creates a {@link SimpleRNNCell}. @example rnn({ cell: simpleRNNCell({ units: 4 }) }) */
export function simpleRNNCell(args: RNNCellArgs): SimpleRNNCell {
  return new SimpleRNNCell(args);
}
