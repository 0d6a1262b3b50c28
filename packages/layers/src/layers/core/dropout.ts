import { type Tensor, mul, optionNames } from '@rectify/tensor';
import { type CallArgs, type LayerArgs, singleInput } from '../../layer.js';
import { rate as checkRate } from '../../options.js';
import { type SeededArgs, type SeededConfig, SeededLayer, dropoutMask } from '../noise/seeded-layer.js';

export interface DropoutArgs extends SeededArgs {
  /** The fraction of inputs to zero, in [0, 1). */
  rate: number;
}

export interface DropoutConfig extends SeededConfig {
  rate: number;
}

/**
 * Inverted dropout: in training, zeroes each input with probability `rate` and scales the rest by 1/(1 − rate),
 * so that inference is the identity. With a seed, each call draws a fresh key split from the layer's own key.
 *
 * Shape: unchanged. Reference: Srivastava et al. 2014; Keras `Dropout`.
 *
 * @example dropout({ rate: 0.5, seed: 1 }).apply(ones([2, 4]), { training: true }); // zeros and 2s
 */
export class Dropout extends SeededLayer {
  static override readonly className: string = 'Dropout';
  override supportsMasking = true;
  static override readonly argNames: readonly string[] = optionNames<Omit<DropoutArgs, keyof LayerArgs>>()({
    rate: true,
    seed: true,
  });
  readonly rate: number;

  constructor(args: DropoutArgs) {
    super(args);
    this.rate = checkRate(this.kind, 'rate', args.rate);
  }

  /** The shape of the mask: the input's; spatial dropout shares one value per channel across steps or pixels. */
  protected noiseShape(x: Tensor): number[] {
    return [...x.shape];
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    if (!training || this.rate === 0) return x;
    return mul(x, dropoutMask(this.noiseShape(x), this.rate, this.nextKey()));
  }

  override getConfig(): DropoutConfig {
    return { ...super.getConfig(), rate: this.rate };
  }
}

/** Creates a {@link Dropout} layer. @example dropout({ rate: 0.1, seed: 42 }) */
export function dropout(args: DropoutArgs): Dropout {
  return new Dropout(args);
}
