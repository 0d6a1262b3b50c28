import { PRNGKey, type Tensor, ValueError, greaterEqual, randomUniform, tidy, where } from '@rectify/tensor';
import { Layer, type LayerArgs, type LayerConfig } from '../../layer.js';

export interface SeededArgs extends LayerArgs {
  /** Makes the noise reproducible: the same seed gives the same sequence of draws. Default: the global stream. */
  seed?: number | null;
}

export interface SeededConfig extends LayerConfig {
  seed: number | null;
}

/**
 * A layer that draws noise in training: each call takes a fresh key split from the layer's own (seeded) key.
 * @example class Jitter extends SeededLayer { call(x, { training }) { return training ? add(x, randomNormal(x.shape, 0, 0.1, 'float32', this.nextKey())) : x; } }
 */
export abstract class SeededLayer<Out extends Tensor | Tensor[] = Tensor> extends Layer<Out> {
  readonly seed: number | null;
  private key: PRNGKey | undefined;

  constructor(args: SeededArgs) {
    super(args);
    const seed = args.seed ?? null;
    if (seed !== null && !Number.isInteger(seed))
      throw new ValueError(`${this.kind}: seed must be an integer, received ${String(seed)}`);
    this.seed = seed;
    this.key = seed === null ? undefined : PRNGKey.fromSeed(seed);
  }

  /** The key for one draw; advancing it keeps successive draws different but the sequence reproducible. */
  protected nextKey(): PRNGKey | undefined {
    const [next, use] = splitKey(this.key);
    this.key = next;
    return use;
  }

  override getConfig(): SeededConfig {
    return { ...super.getConfig(), seed: this.seed };
  }
}

/**
 * An inverted-dropout mask: 0 with probability `rate`, else 1/(1 − rate). Recurrent cells draw one per sequence.
 * @example dropoutMask([2, 3], 0.5, PRNGKey.fromSeed(1)).shape; // → [2, 3]
 */
export function dropoutMask(shape: readonly number[], rate: number, key: PRNGKey | undefined): Tensor {
  return tidy(() => where(greaterEqual(randomUniform(shape, 0, 1, 'float32', key), rate), 1 / (1 - rate), 0));
}

/** Splits a layer's own key for one call: the next key and the one to use (undefined: the global stream). */
export function splitKey(key: PRNGKey | undefined): [PRNGKey | undefined, PRNGKey | undefined] {
  if (!key) return [undefined, undefined];
  return key.split(2) as [PRNGKey, PRNGKey];
}
