import { GRUCell, type GRUCellArgs, type GRUCellConfig } from './gru-cell.js';
import { RNN, type RNNOptions, type RNNOptionsConfig, flatCellConfig, splitCellArgs } from './rnn.js';

export interface GRUArgs extends GRUCellArgs, RNNOptions {}

export type GRUConfig = RNNOptionsConfig & Omit<GRUCellConfig, 'name' | 'trainable' | 'dtype' | 'batchInputShape'>;

/**
 * Gated recurrent unit layer: an {@link RNN} of {@link GRUCell}s configured in one flat options object.
 *
 * Options: the cell's (see {@link GRUCellArgs}) and the loop's (see {@link RNNOptions}).
 * Shape: `[batch, time, features]` → `[batch, units]`, or `[batch, time, units]` with `returnSequences`.
 * Reference: Keras `GRU`.
 *
 * @example gru({ units: 16 }).apply(ones([2, 10, 8])); // [2, 16]
 */
export class GRU extends RNN {
  static override readonly className: string = 'GRU';
  declare readonly cell: GRUCell;

  constructor(args: GRUArgs) {
    const { layer, cell } = splitCellArgs(args, 'GRU');
    super({ ...layer, cell: new GRUCell(cell) });
  }

  get units(): number {
    return this.cell.units;
  }

  protected override cellConfig(): Record<string, unknown> {
    return flatCellConfig(this.cell);
  }

  override getConfig(): GRUConfig {
    return super.getConfig() as GRUConfig;
  }
}

/** Creates an {@link GRU} layer. @example gru({ units: 32, resetAfter: false }) */
export function gru(args: GRUArgs): GRU {
  return new GRU(args);
}
