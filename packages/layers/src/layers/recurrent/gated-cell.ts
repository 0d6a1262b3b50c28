import { sigmoidFn, tanhFn } from '@rectify/activations';
import type { Tensor } from '@rectify/tensor';
import {
  type Activation,
  type ActivationConfig,
  type ActivationIdentifier,
  activationConfig,
  resolveActivation,
} from '../../identifiers.js';
import { DenseCell, type RNNCellArgs, type RNNCellConfig } from './dense-cell.js';

export interface GatedCellArgs extends RNNCellArgs {
  /** The gates' activation; default sigmoid (Keras 3; Keras 2 used hardSigmoid). */
  recurrentActivation?: ActivationIdentifier | 'linear' | null;
}

export interface GatedCellConfig extends RNNCellConfig {
  recurrentActivation: ActivationConfig | 'linear';
}

/**
 * The shared part of LSTM and GRU cells: a second activation for the gates.
 * @example
 * lstmCell({ units: 4 }) instanceof GatedCell; // → true
 */
export abstract class GatedCell extends DenseCell {
  readonly recurrentActivation: Activation | undefined;

  constructor(args: GatedCellArgs) {
    super(args);
    this.recurrentActivation = resolveActivation(
      args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation,
    );
  }

  /**
   * Whether a step runs as one fused pointwise kernel (`lstmPointwise`, `gruPointwise`): with Keras' default
   * activations, tanh and sigmoid gates (and, for GRU, `resetAfter`). Other configurations take the composed ops.
   * @example
   * [lstmCell({ units: 4 }).fused, lstmCell({ units: 4, recurrentActivation: 'hardSigmoid' }).fused]; // → [true, false]
   */
  get fused(): boolean {
    return this.activation?.unaryKernel?.fn === tanhFn && this.recurrentActivation?.unaryKernel?.fn === sigmoidFn;
  }

  /** The gate activation of `z`. */
  protected gate(z: Tensor): Tensor {
    return this.recurrentActivation ? this.recurrentActivation.apply(z) : z;
  }

  /** The candidate (cell input / output) activation of `z`. */
  protected act(z: Tensor): Tensor {
    return this.activation ? this.activation.apply(z) : z;
  }

  override getConfig(): GatedCellConfig {
    return { ...super.getConfig(), recurrentActivation: activationConfig(this.recurrentActivation) };
  }
}
