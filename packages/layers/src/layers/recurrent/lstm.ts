import { optionNames } from '@rectify/tensor';
import { LSTMCell } from './lstm-cell.js';
import type { LSTMCellArgs, LSTMCellConfig } from './lstm-cell.js';
import { CellRNN, type RNNOptions, type RNNOptionsConfig } from './rnn.js';
import type { LayerArgs } from '../../layer.js';

export interface LSTMArgs extends LSTMCellArgs, RNNOptions {}

export type LSTMConfig = RNNOptionsConfig & Omit<LSTMCellConfig, 'name' | 'trainable' | 'dtype' | 'batchInputShape'>;

/**
 * Long short-term memory layer: an {@link RNN} of {@link LSTMCell}s configured in one flat options object.
 *
 * Options: the cell's (see {@link LSTMCellArgs}) and the loop's (see {@link RNNOptions}).
 * Shape: `[batch, time, features]` → `[batch, units]`, or `[batch, time, units]` with `returnSequences`.
 * Reference: Keras `LSTM`.
 *
 * @example lstm({ units: 16, returnSequences: true }).apply(ones([2, 10, 8])).shape; // → [2, 10, 16]
 */
export class LSTM extends CellRNN<LSTMCell> {
  static override readonly className: string = 'LSTM';
  static override readonly argNames: readonly string[] = [
    ...optionNames<Omit<LSTMArgs, keyof LayerArgs>>()({
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
      recurrentActivation: true,
      unitForgetBias: true,
      returnSequences: true,
      returnState: true,
      goBackwards: true,
      stateful: true,
    }),
    'cell',
  ];

  constructor(args: LSTMArgs) {
    super(args, (cell: LSTMCellArgs) => new LSTMCell(cell));
  }

  override getConfig(): LSTMConfig {
    return super.getConfig() as LSTMConfig;
  }
}

/** Creates an {@link LSTM} layer. @example lstm({ units: 64, dropout: 0.1 }) */
export function lstm(args: LSTMArgs): LSTM {
  return new LSTM(args);
}
