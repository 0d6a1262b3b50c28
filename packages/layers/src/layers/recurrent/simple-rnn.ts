import { optionNames } from '@rectify/tensor';
import { SimpleRNNCell } from './simple-rnn-cell.js';
import type { RNNCellArgs, RNNCellConfig } from './dense-cell.js';
import { CellRNN, type RNNOptions, type RNNOptionsConfig } from './rnn.js';
import type { LayerArgs } from '../../layer.js';

export interface SimpleRNNArgs extends RNNCellArgs, RNNOptions {}

export type SimpleRNNConfig = RNNOptionsConfig &
  Omit<RNNCellConfig, 'name' | 'trainable' | 'dtype' | 'batchInputShape'>;

/**
 * Fully connected recurrent layer (Elman): an {@link RNN} of {@link SimpleRNNCell}s configured in one flat options object.
 *
 * Options: the cell's (see {@link RNNCellArgs}) and the loop's (see {@link RNNOptions}).
 * Shape: `[batch, time, features]` → `[batch, units]`, or `[batch, time, units]` with `returnSequences`.
 * Reference: Keras `SimpleRNN`.
 *
 * @example simpleRNN({ units: 4 }).apply(ones([2, 10, 8])).shape; // → [2, 4]
 */
export class SimpleRNN extends CellRNN<SimpleRNNCell> {
  static override readonly className: string = 'SimpleRNN';
  static override readonly argNames: readonly string[] = [
    ...optionNames<Omit<SimpleRNNArgs, keyof LayerArgs>>()({
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
      returnSequences: true,
      returnState: true,
      goBackwards: true,
      stateful: true,
    }),
    'cell',
  ];

  constructor(args: SimpleRNNArgs) {
    super(args, (cell: RNNCellArgs) => new SimpleRNNCell(cell));
  }

  override getConfig(): SimpleRNNConfig {
    return super.getConfig() as SimpleRNNConfig;
  }
}

/** Creates an {@link SimpleRNN} layer. @example simpleRNN({ units: 8, returnSequences: true }) */
export function simpleRNN(args: SimpleRNNArgs): SimpleRNN {
  return new SimpleRNN(args);
}
