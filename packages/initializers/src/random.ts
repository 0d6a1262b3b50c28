import {
  type Seed,
  ValueError,
  randomNormal as sampleNormal,
  randomUniform as sampleUniform,
  truncatedNormal as sampleTruncatedNormal,
} from '@rectify/tensor';
import { defineInitializer } from './initializer.js';
import { finiteOption, nonNegativeOption, seedOption } from './options.js';

/**
 * Plain random initializers with fixed parameters, Keras 3 defaults included (±0.05). They ignore the weight's
 * fans; prefer the variance-scaling presets for kernels.
 */

const FLOAT = ['float32'] as const;

export interface NormalOptions {
  /** Default 0. */
  readonly mean?: number;
  /** Default 0.05; must be >= 0. */
  readonly stddev?: number;
  readonly seed?: Seed;
}

interface NormalConfig {
  readonly mean: number;
  readonly stddev: number;
  readonly seed: Seed | undefined;
}

function normalConfig(op: string, o: NormalOptions): NormalConfig {
  return {
    mean: finiteOption(op, 'mean', o.mean, 0),
    stddev: nonNegativeOption(op, 'stddev', o.stddev, 0.05),
    seed: seedOption(op, o.seed),
  };
}

/**
 * Samples each weight from a normal distribution.
 *
 * Formula: w ~ N(mean, stddev²). Parameters: `mean` (0), `stddev` (0.05), `seed`. Returns: an initializer.
 * Reference: Keras `RandomNormal`.
 * @example randomNormal({ stddev: 0.01, seed: 1 }).apply([256, 128])
 */
export const randomNormal = defineInitializer<NormalOptions, NormalConfig>({
  name: 'randomNormal',
  options: ['mean', 'stddev', 'seed'],
  dtypes: FLOAT,
  configure: (o) => normalConfig('randomNormal', o),
  sample: (shape, c, dtype, seed) => sampleNormal(shape, c.mean, c.stddev, dtype, seed),
});

/**
 * Samples each weight from a normal distribution truncated to two standard deviations, redrawing values outside.
 * As in Keras, `stddev` is the parameter of the normal before truncation, so the result's standard deviation is
 * ≈ 0.88 × stddev; the variance-scaling initializers correct for that, this one does not.
 *
 * Formula: w ~ N(mean, stddev²) conditioned on |w − mean| ≤ 2·stddev. Parameters: `mean` (0), `stddev` (0.05),
 * `seed`. Returns: an initializer. Reference: Keras `TruncatedNormal`.
 * @example truncatedNormal({ stddev: 0.02, seed: 1 }).apply([64, 64])
 */
export const truncatedNormal = defineInitializer<NormalOptions, NormalConfig>({
  name: 'truncatedNormal',
  options: ['mean', 'stddev', 'seed'],
  dtypes: FLOAT,
  configure: (o) => normalConfig('truncatedNormal', o),
  sample: (shape, c, dtype, seed) => sampleTruncatedNormal(shape, c.mean, c.stddev, dtype, seed),
});

export interface UniformOptions {
  /** Default −0.05. */
  readonly minval?: number;
  /** Default 0.05; must be >= minval. */
  readonly maxval?: number;
  readonly seed?: Seed;
}

interface UniformConfig {
  readonly minval: number;
  readonly maxval: number;
  readonly seed: Seed | undefined;
}

/**
 * Samples each weight uniformly.
 *
 * Formula: w ~ U[minval, maxval). Parameters: `minval` (−0.05), `maxval` (0.05), `seed`. Returns: an initializer.
 * Reference: Keras `RandomUniform`.
 * @example randomUniform({ minval: -0.1, maxval: 0.1, seed: 3 }).apply([10, 10])
 */
export const randomUniform = defineInitializer<UniformOptions, UniformConfig>({
  name: 'randomUniform',
  options: ['minval', 'maxval', 'seed'],
  dtypes: FLOAT,
  configure: (o) => {
    const minval = finiteOption('randomUniform', 'minval', o.minval, -0.05);
    const maxval = finiteOption('randomUniform', 'maxval', o.maxval, 0.05);
    if (!(maxval >= minval)) {
      throw new ValueError(`randomUniform: maxval must be >= minval, received minval=${minval}, maxval=${maxval}`);
    }
    return { minval, maxval, seed: seedOption('randomUniform', o.seed) };
  },
  sample: (shape, c, dtype, seed) => sampleUniform(shape, c.minval, c.maxval, dtype, seed),
});
