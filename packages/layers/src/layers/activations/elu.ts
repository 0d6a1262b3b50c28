import { optionNames } from '@rectify/tensor';
import type { Tensor } from '@rectify/tensor';
import { type Activation, resolveActivation } from '../../identifiers.js';
import { activate } from '../../activate.js';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { finite } from '../../options.js';

export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part, which saturates at −alpha; default 1. */
  alpha?: number;
}

export interface ELUConfig extends LayerConfig {
  alpha: number;
}

/**
 * ELU as a layer: `f(x) = x` for x > 0, `alpha · (eˣ − 1)` otherwise.
 *
 * Shape: unchanged. Reference: Clevert et al. 2015; Keras `ELU`.
 *
 * @example elu().apply(tensor([-1, 2])); // → [-0.6321206, 2]
 */
export class ELU extends Layer<Tensor> {
  static override readonly className: string = 'ELU';
  static override readonly argNames: readonly string[] = optionNames<Omit<ELUArgs, keyof LayerArgs>>()({ alpha: true });
  readonly alpha: number;
  override readonly activation: Activation | undefined;

  constructor(args: ELUArgs = {}) {
    super(args);
    this.alpha = finite(this.kind, 'alpha', args.alpha ?? 1);
    this.activation = resolveActivation({ name: 'elu', alpha: this.alpha });
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return activate(this, singleInput(this, inputs));
  }

  override getConfig(): ELUConfig {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** Creates an {@link ELU} layer. @example elu({ alpha: 0.5 }) */
export function elu(args: ELUArgs = {}): ELU {
  return new ELU(args);
}
