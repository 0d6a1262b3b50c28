import { type Tensor, add, randomNormal, optionNames } from '@rectify/tensor';
import { type CallArgs, singleInput } from '../../layer.js';
import { finite } from '../../options.js';
import { type SeededArgs, type SeededConfig, SeededLayer } from './seeded-layer.js';
import type { LayerArgs } from '../../layer.js';

export interface GaussianNoiseArgs extends SeededArgs {
  /** Standard deviation of the added noise, > 0. */
  stddev: number;
}

export interface GaussianNoiseConfig extends SeededConfig {
  stddev: number;
}

/**
 * Adds zero-mean Gaussian noise in training (a regulariser, data augmentation for real inputs); the identity in
 * inference. Shape: unchanged. Reference: Keras `GaussianNoise`.
 * @example gaussianNoise({ stddev: 0.1, seed: 1 }).apply(zeros([2, 4])).shape // → [2, 4]
 */
export class GaussianNoise extends SeededLayer {
  static override readonly className: string = 'GaussianNoise';
  static override readonly argNames: readonly string[] = optionNames<Omit<GaussianNoiseArgs, keyof LayerArgs>>()({
    stddev: true,
    seed: true,
  });
  override supportsMasking = true;
  readonly stddev: number;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    this.stddev = finite(this.kind, 'stddev', args.stddev, { positive: true });
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallArgs): Tensor {
    const x = singleInput(this, inputs);
    return training ? add(x, randomNormal(x.shape, 0, this.stddev, 'float32', this.nextKey())) : x;
  }

  override getConfig(): GaussianNoiseConfig {
    return { ...super.getConfig(), stddev: this.stddev };
  }
}

/** Creates a {@link GaussianNoise} layer. @example gaussianNoise({ stddev: 0.05 }) */
export function gaussianNoise(args: GaussianNoiseArgs): GaussianNoise {
  return new GaussianNoise(args);
}
