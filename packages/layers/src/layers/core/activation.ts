import { type Tensor, ValueError, optionNames } from '@rectify/tensor';
import {
  type Activation,
  type ActivationConfig,
  type ActivationIdentifier,
  activationConfig,
  resolveActivation,
} from '../../identifiers.js';
import { activate } from '../../activate.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';

export interface ActivationLayerArgs extends LayerArgs {
  /** A name (`'relu'`), a config (`{name: 'elu', alpha: 0.5}`), an Activation or a function. */
  activation: ActivationIdentifier | 'linear';
}

export interface ActivationLayerConfig extends LayerConfig {
  activation: ActivationConfig | 'linear';
}

/**
 * Applies an activation function elementwise, as its own layer.
 *
 * Shape: unchanged. Reference: Keras `Activation`.
 *
 * @example activation({ activation: 'relu' }).apply(tensor([[-1, 2]])); // → [[0, 2]]
 */
export class ActivationLayer extends Layer<Tensor> {
  static override readonly className: string = 'Activation';
  override supportsMasking = true;
  static override readonly argNames: readonly string[] = optionNames<Omit<ActivationLayerArgs, keyof LayerArgs>>()({
    activation: true,
  });
  override readonly activation: Activation | undefined;

  constructor(args: ActivationLayerArgs) {
    super(args);
    if (args.activation === undefined || args.activation === null) {
      throw new ValueError(`${this.kind}: activation is required, received ${String(args.activation)}`);
    }
    this.activation = resolveActivation(args.activation);
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return activate(this, singleInput(this, inputs));
  }

  override getConfig(): ActivationLayerConfig {
    return { ...super.getConfig(), activation: activationConfig(this.activation) };
  }
}

/** Creates an {@link ActivationLayer}. @example activation({ activation: 'gelu' }) */
export function activation(args: ActivationLayerArgs): ActivationLayer {
  return new ActivationLayer(args);
}
