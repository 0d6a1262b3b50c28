import { optionNames } from '@rectify/tensor';
import { GRUCell } from './gru-cell.js';
import type { GRUCellArgs, GRUCellConfig } from './gru-cell.js';
import { CellRNN, type RNNOptions, type RNNOptionsConfig } from './rnn.js';
import type { LayerArgs } from '../../layer.js';

export interface GRUArgs extends GRUCellArgs, RNNOptions {}

export type GRUConfig = RNNOptionsConfig & Omit<GRUCellConfig, 'name' | 'trainable' | 'dtype' | 'batchInputShape'>;

/**
 * Gated recurrent unit layer: an {@link RNN} of {@link GRUCell}s configured in one flat options object.
 *
 * Options: the cell's (see {@link GRUCellArgs}) and the loop's (see {@link RNNOptions}).
 * Shape: `[batch, time, features]` → `[batch, units]`, or `[batch, time, units]` with `returnSequences`.
 * Reference: Keras `GRU`.
 *
 * @example gru({ units: 16 }).apply(ones([2, 10, 8])).shape; // → [2, 16]
 */
export class GRU extends CellRNN<GRUCell> {
  static override readonly className: string = 'GRU';
  static override readonly argNames: readonly string[] = [
    ...optionNames<Omit<GRUArgs, keyof LayerArgs>>()({
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
      resetAfter: true,
      returnSequences: true,
      returnState: true,
      goBackwards: true,
      stateful: true,
    }),
    'cell',
  ];

  constructor(args: GRUArgs) {
    super(args, (cell: GRUCellArgs) => new GRUCell(cell));
  }

  override getConfig(): GRUConfig {
    return super.getConfig() as GRUConfig;
  }
}

/** Creates an {@link GRU} layer. @example gru({ units: 32, resetAfter: false }) */
export function gru(args: GRUArgs): GRU {
  return new GRU(args);
}
