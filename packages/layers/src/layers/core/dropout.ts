import { PRNGKey, type Tensor, ValueError, greaterEqual, mul, randomUniform, where, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, singleInput } from '../../layer.js';
import { rate as checkRate } from '../../options.js';

export interface DropoutArgs extends LayerArgs {
  /** The fraction of inputs to zero, in [0, 1). */
  rate: number;
  /** Makes the masks reproducible: the same seed gives the same sequence of masks. Default: the global stream. */
  seed?: number | null;
}

export interface DropoutConfig extends LayerConfig {
  rate: number;
  seed: number | null;
}

/**
 * Inverted dropout: in training, zeroes each input with probability `rate` and scales the rest by 1/(1 − rate),
 * so that inference is the identity. With a seed, each call draws a fresh key split from the layer's own key.
 *
 * Shape: unchanged. Reference: Srivastava et al. 2014; Keras `Dropout`.
 *
 * @example dropout({ rate: 0.5, seed: 1 }).apply(ones([2, 4]), { training: true }); // zeros and 2s
 */
export class Dropout extends Layer<Tensor> {
  static override readonly className: string = 'Dropout';
  static override readonly argNames: readonly string[] = optionNames<Omit<DropoutArgs, keyof LayerArgs>>()({ rate: true, seed: true });
  readonly rate: number;
  readonly seed: number | null;
  private key: PRNGKey | undefined;

  constructor(args: DropoutArgs) {
    super(args);
    this.rate = checkRate(this.kind, 'rate', args.rate);
    const seed = args.seed ?? null;
    if (seed !== null && !Number.isInteger(seed)) throw new ValueError(`${this.kind}: seed must be an integer, received ${String(seed)}`);
    this.seed = seed;
    this.key = seed === null ? undefined : PRNGKey.fromSeed(seed);
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    if (!training || this.rate === 0) return x;
    const u = randomUniform(x.shape, 0, 1, 'float32', this.nextKey());
    return mul(x, where(greaterEqual(u, this.rate), 1 / (1 - this.rate), 0));
  }

  /** The key for one call; advancing it keeps successive masks different but the sequence reproducible. */
  private nextKey(): PRNGKey | undefined {
    if (!this.key) return undefined;
    const [next, use] = this.key.split(2) as [PRNGKey, PRNGKey];
    this.key = next;
    return use;
  }

  override getConfig(): DropoutConfig {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

/** Creates a {@link Dropout} layer. @example dropout({ rate: 0.1, seed: 42 }) */
export function dropout(args: DropoutArgs): Dropout {
  return new Dropout(args);
}
