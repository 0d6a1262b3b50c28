import { optionNames } from '@rectify/tensor';
import type { Tensor } from '@rectify/tensor';
import { type Activation, resolveActivation } from '../../identifiers.js';
import { activate } from '../../activate.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite } from '../../options.js';

export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for x < 0; default 0.3 (Keras, tfjs). */
  alpha?: number;
}

export interface LeakyReLUConfig extends LayerConfig {
  alpha: number;
}

/**
 * Leaky ReLU as a layer: `f(x) = x` for x > 0, `alpha · x` otherwise, with a fixed slope.
 *
 * Shape: unchanged. Reference: Maas et al. 2013; Keras `LeakyReLU`.
 *
 * @example leakyRelu({ alpha: 0.1 }).apply(tensor([-2, 3])); // → [-0.2, 3]
 */
export class LeakyReLU extends Layer<Tensor> {
  static override readonly className: string = 'LeakyReLU';
  static override readonly argNames: readonly string[] = optionNames<Omit<LeakyReLUArgs, keyof LayerArgs>>()({
    alpha: true,
  });

  protected override get kind(): string {
    return 'leaky_relu';
  }
  readonly alpha: number;
  override readonly activation: Activation | undefined;

  constructor(args: LeakyReLUArgs = {}) {
    super(args);
    this.alpha = finite(this.kind, 'alpha', args.alpha ?? 0.3);
    this.activation = resolveActivation({ name: 'leakyRelu', alpha: this.alpha });
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return activate(this, singleInput(this, inputs));
  }

  override getConfig(): LeakyReLUConfig {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** Creates a {@link LeakyReLU} layer. @example leakyRelu({ alpha: 0.01 }) */
export function leakyRelu(args: LeakyReLUArgs = {}): LeakyReLU {
  return new LeakyReLU(args);
}

/** TensorFlow.js' spelling of {@link leakyRelu}. @example leakyReLU({ alpha: 0.1 }) */
export const leakyReLU = leakyRelu;
