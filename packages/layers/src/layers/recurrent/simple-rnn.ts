import { type RNNCellArgs as SimpleRNNCellArgs, type RNNCellConfig as SimpleRNNCellConfig } from './dense-cell.js';
import { SimpleRNNCell } from './simple-rnn-cell.js';
import { RNN, type RNNOptions, type RNNOptionsConfig, flatCellConfig, splitCellArgs } from './rnn.js';

export interface SimpleRNNArgs extends SimpleRNNCellArgs, RNNOptions {}

export type SimpleRNNConfig = RNNOptionsConfig & Omit<SimpleRNNCellConfig, 'name' | 'trainable' | 'dtype' | 'batchInputShape'>;

/**
 * Fully connected recurrent layer (Elman): an {@link RNN} of {@link SimpleRNNCell}s configured in one flat options object.
 *
 * Options: the cell's (see {@link SimpleRNNCellArgs}) and the loop's (see {@link RNNOptions}).
 * Shape: `[batch, time, features]` → `[batch, units]`, or `[batch, time, units]` with `returnSequences`.
 * Reference: Keras `SimpleRNN`.
 *
 * @example simpleRNN({ units: 4 }).apply(ones([2, 10, 8])); // [2, 4]
 */
export class SimpleRNN extends RNN {
  static override readonly className: string = 'SimpleRNN';
  declare readonly cell: SimpleRNNCell;

  constructor(args: SimpleRNNArgs) {
    const { layer, cell } = splitCellArgs(args, 'SimpleRNN');
    super({ ...layer, cell: new SimpleRNNCell(cell) });
  }

  get units(): number {
    return this.cell.units;
  }

  protected override cellConfig(): Record<string, unknown> {
    return flatCellConfig(this.cell);
  }

  override getConfig(): SimpleRNNConfig {
    return super.getConfig() as SimpleRNNConfig;
  }
}

/** Creates an {@link SimpleRNN} layer. @example simpleRNN({ units: 8, returnSequences: true }) */
export function simpleRNN(args: SimpleRNNArgs): SimpleRNN {
  return new SimpleRNN(args);
}
