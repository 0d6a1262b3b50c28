import { type Tensor, add, greaterEqual, mul, randomUniform, where, optionNames } from '@rectify/tensor';
import { type CallArgs, singleInput } from '../../layer.js';
import { rate as checkRate } from '../../options.js';
import { type SeededArgs, type SeededConfig, SeededLayer } from './seeded-layer.js';
import type { LayerArgs } from '../../layer.js';

export interface AlphaDropoutArgs extends SeededArgs {
  /** Drop probability, in [0, 1). */
  rate: number;
}

export interface AlphaDropoutConfig extends SeededConfig {
  rate: number;
}

/** SELU's constants (Klambauer et al. 2017): dropped units go to SELU's negative saturation −λα. */
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/**
 * Dropout for self-normalizing (SELU) networks: dropped inputs are set to −λα rather than 0, then an affine
 * correction `a·x + b` restores zero mean and unit variance. The identity in inference.
 * Shape: unchanged. Reference: Keras `AlphaDropout`; Klambauer et al. 2017.
 * @example alphaDropout({ rate: 0.1, seed: 1 }).apply(ones([2, 4]), { training: true }).shape // → [2, 4]
 */
export class AlphaDropout extends SeededLayer {
  static override readonly className: string = 'AlphaDropout';
  static override readonly argNames: readonly string[] = optionNames<Omit<AlphaDropoutArgs, keyof LayerArgs>>()({
    rate: true,
    seed: true,
  });
  override supportsMasking = true;
  readonly rate: number;

  constructor(args: AlphaDropoutArgs) {
    super(args);
    this.rate = checkRate(this.kind, 'rate', args.rate);
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    if (!training || this.rate === 0) return x;
    const p = this.rate;
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const a = ((1 - p) * (1 + p * alphaP * alphaP)) ** -0.5;
    const b = -a * alphaP * p;
    const kept = greaterEqual(randomUniform(x.shape, 0, 1, 'float32', this.nextKey()), p);
    return add(mul(where(kept, x, alphaP), a), b);
  }

  override getConfig(): AlphaDropoutConfig {
    return { ...super.getConfig(), rate: this.rate };
  }
}

/** Creates an {@link AlphaDropout} layer. @example alphaDropout({ rate: 0.05 }) */
export function alphaDropout(args: AlphaDropoutArgs): AlphaDropout {
  return new AlphaDropout(args);
}
