import { type Tensor, mul, randomNormal, optionNames } from '@rectify/tensor';
import { type CallArgs, singleInput } from '../../layer.js';
import { rate as checkRate } from '../../options.js';
import { type SeededArgs, type SeededConfig, SeededLayer } from './seeded-layer.js';
import type { LayerArgs } from '../../layer.js';

export interface GaussianDropoutArgs extends SeededArgs {
  /** Drop probability of the equivalent dropout, in [0, 1): the noise has stddev √(rate / (1 − rate)). */
  rate: number;
}

export interface GaussianDropoutConfig extends SeededConfig {
  rate: number;
}

/**
 * Multiplies by Gaussian noise of mean 1 in training (Srivastava et al. 2014, §10); the identity in inference.
 * Shape: unchanged. Reference: Keras `GaussianDropout`.
 * @example gaussianDropout({ rate: 0.2, seed: 3 }).apply(ones([2, 4]), { training: true }).shape // → [2, 4]
 */
export class GaussianDropout extends SeededLayer {
  static override readonly className: string = 'GaussianDropout';
  static override readonly argNames: readonly string[] = optionNames<Omit<GaussianDropoutArgs, keyof LayerArgs>>()({
    rate: true,
    seed: true,
  });
  override supportsMasking = true;
  readonly rate: number;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    this.rate = checkRate(this.kind, 'rate', args.rate);
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    if (!training || this.rate === 0) return x;
    return mul(x, randomNormal(x.shape, 1, Math.sqrt(this.rate / (1 - this.rate)), 'float32', this.nextKey()));
  }

  override getConfig(): GaussianDropoutConfig {
    return { ...super.getConfig(), rate: this.rate };
  }
}

/** Creates a {@link GaussianDropout} layer. @example gaussianDropout({ rate: 0.1 }) */
export function gaussianDropout(args: GaussianDropoutArgs): GaussianDropout {
  return new GaussianDropout(args);
}
