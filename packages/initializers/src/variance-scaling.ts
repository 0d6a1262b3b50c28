import { type Seed, type Tensor, randomNormal, randomUniform, truncatedNormal } from '@rectify/tensor';
import { computeFans } from './fans.js';
import { defineInitializer } from './initializer.js';
import { choiceOption, positiveOption, seedOption } from './options.js';

export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
export type Distribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

const MODES: readonly FanMode[] = ['fanIn', 'fanOut', 'fanAvg'];
const DISTRIBUTIONS: readonly Distribution[] = ['truncatedNormal', 'untruncatedNormal', 'uniform'];

/**
 * The standard deviation of a standard normal truncated to [−2, 2]. Dividing the pre-truncation stddev by it makes
 * the truncated samples' standard deviation the intended one (the constant Keras and TensorFlow use).
 */
const TRUNCATED_STDDEV = 0.87962566103423978;

export interface VarianceScalingOptions {
  /** Target variance times the fan; default 1, must be > 0. */
  readonly scale?: number;
  /** Which fan divides `scale`; default 'fanIn'. Keras spellings ('fan_in', …) are accepted. */
  readonly mode?: FanMode | 'fan_in' | 'fan_out' | 'fan_avg';
  /** Default 'truncatedNormal'. Keras spellings ('truncated_normal', …) are accepted. */
  readonly distribution?: Distribution | 'truncated_normal' | 'untruncated_normal';
  readonly seed?: Seed;
}

export interface VarianceScalingParams {
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
}

interface VarianceScalingConfig extends VarianceScalingParams {
  readonly seed: Seed | undefined;
}

/**
 * Samples a weight of `shape` with variance scale / n, n the fan `mode` picks (at least 1, for empty shapes).
 * Shared by {@link varianceScaling} and the He, Glorot and LeCun presets.
 */
export function sampleVarianceScaling(
  shape: readonly number[],
  p: VarianceScalingParams,
  seed: Seed | undefined,
): Tensor {
  const { fanIn, fanOut } = computeFans(shape);
  const fan = p.mode === 'fanIn' ? fanIn : p.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
  const variance = p.scale / Math.max(1, fan);
  switch (p.distribution) {
    case 'truncatedNormal':
      return truncatedNormal(shape, 0, Math.sqrt(variance) / TRUNCATED_STDDEV, 'float32', seed);
    case 'untruncatedNormal':
      return randomNormal(shape, 0, Math.sqrt(variance), 'float32', seed);
    case 'uniform': {
      // U[−a, a) has variance a²/3.
      const limit = Math.sqrt(3 * variance);
      return randomUniform(shape, -limit, limit, 'float32', seed);
    }
  }
}

/**
 * The family behind He, Glorot and LeCun: samples so that each weight has variance `scale / n`, where n is the
 * weight's fan-in, fan-out or their average (see `computeFans` for dense and convolution layouts). With
 * 'truncatedNormal' the samples stay within two pre-truncation standard deviations and the pre-truncation stddev
 * is enlarged by 1/0.8796 so that the samples' standard deviation is still √(scale/n).
 *
 * Formula: Var[w] = scale / n; normal: stddev √(scale/n); uniform: U[−√(3·scale/n), √(3·scale/n)).
 * Parameters: `scale` (1), `mode` ('fanIn'), `distribution` ('truncatedNormal'), `seed`.
 * Returns: an initializer. Reference: Keras `VarianceScaling`; He et al. 2015; Glorot & Bengio 2010.
 * @example varianceScaling({ scale: 2, mode: 'fanIn', distribution: 'untruncatedNormal', seed: 1 }).apply([256, 128])
 */
export const varianceScaling = defineInitializer<VarianceScalingOptions, VarianceScalingConfig>({
  name: 'varianceScaling',
  options: ['scale', 'mode', 'distribution', 'seed'],
  dtypes: ['float32'],
  configure: (o) => ({
    scale: positiveOption('varianceScaling', 'scale', o.scale, 1),
    mode: choiceOption('varianceScaling', 'mode', o.mode, MODES, 'fanIn'),
    distribution: choiceOption('varianceScaling', 'distribution', o.distribution, DISTRIBUTIONS, 'truncatedNormal'),
    seed: seedOption('varianceScaling', o.seed),
  }),
  sample: (shape, config, _dtype, seed) => sampleVarianceScaling(shape, config, seed),
});
