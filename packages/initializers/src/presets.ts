import type { Seed } from '@rectify/tensor';
import { defineInitializer, type InitializerFactory } from './initializer.js';
import { seedOption } from './options.js';
import { type Distribution, type FanMode, sampleVarianceScaling } from './variance-scaling.js';

/**
 * The named variance-scaling configurations. Each is `varianceScaling` with fixed scale, mode and distribution;
 * like Keras, only the seed is an option and `getConfig()` reports just `{ name, seed }`.
 */

export interface SeedOptions {
  readonly seed?: Seed;
}

function preset(
  name: string,
  scale: number,
  mode: FanMode,
  distribution: Distribution,
): InitializerFactory<SeedOptions> {
  return defineInitializer<SeedOptions, { readonly seed: Seed | undefined }>({
    name,
    options: ['seed'],
    dtypes: ['float32'],
    configure: (o) => ({ seed: seedOption(name, o.seed) }),
    sample: (shape, _config, _dtype, seed) => sampleVarianceScaling(shape, { scale, mode, distribution }, seed),
  });
}

/**
 * He (Kaiming) normal, for ReLU-family layers: keeps the second moment of activations constant through depth.
 *
 * Formula: truncated normal with stddev √(2 / fanIn). Parameters: `seed`. Returns: an initializer.
 * Reference: He et al. 2015, "Delving Deep into Rectifiers"; Keras `HeNormal`.
 * @example heNormal({ seed: 42 }).apply([256, 128])
 */
export const heNormal = preset('heNormal', 2, 'fanIn', 'truncatedNormal');

/**
 * He uniform, for ReLU-family layers.
 *
 * Formula: U[−√(6 / fanIn), √(6 / fanIn)). Parameters: `seed`. Returns: an initializer.
 * Reference: He et al. 2015; Keras `HeUniform`.
 * @example heUniform({ seed: 42 }).apply([3, 3, 64, 128])
 */
export const heUniform = preset('heUniform', 2, 'fanIn', 'uniform');

/**
 * Glorot (Xavier) normal, for tanh/sigmoid/linear layers: balances forward and backward variance.
 *
 * Formula: truncated normal with stddev √(2 / (fanIn + fanOut)). Parameters: `seed`. Returns: an initializer.
 * Reference: Glorot & Bengio 2010; Keras `GlorotNormal`.
 * @example glorotNormal({ seed: 42 }).apply([256, 128])
 */
export const glorotNormal = preset('glorotNormal', 1, 'fanAvg', 'truncatedNormal');

/**
 * Glorot (Xavier) uniform, the Keras default kernel initializer.
 *
 * Formula: U[−√(6 / (fanIn + fanOut)), √(6 / (fanIn + fanOut))). Parameters: `seed`. Returns: an initializer.
 * Reference: Glorot & Bengio 2010; Keras `GlorotUniform`.
 * @example glorotUniform({ seed: 42 }).apply([256, 128])
 */
export const glorotUniform = preset('glorotUniform', 1, 'fanAvg', 'uniform');

/**
 * LeCun normal, for SELU self-normalising networks.
 *
 * Formula: truncated normal with stddev √(1 / fanIn). Parameters: `seed`. Returns: an initializer.
 * Reference: LeCun et al. 1998, "Efficient BackProp"; Klambauer et al. 2017; Keras `LecunNormal`.
 * @example lecunNormal({ seed: 42 }).apply([256, 256])
 */
export const lecunNormal = preset('lecunNormal', 1, 'fanIn', 'truncatedNormal');

/**
 * LeCun uniform.
 *
 * Formula: U[−√(3 / fanIn), √(3 / fanIn)). Parameters: `seed`. Returns: an initializer.
 * Reference: LeCun et al. 1998; Keras `LecunUniform`.
 * @example lecunUniform({ seed: 42 }).apply([256, 256])
 */
export const lecunUniform = preset('lecunUniform', 1, 'fanIn', 'uniform');

/**
 * TensorFlow.js' spelling of {@link lecunNormal} (the same factory).
 * @example leCunNormal({ seed: 1 }).apply([4, 4])
 */
export const leCunNormal = lecunNormal;

/**
 * TensorFlow.js' spelling of {@link lecunUniform} (the same factory).
 * @example leCunUniform({ seed: 1 }).apply([4, 4])
 */
export const leCunUniform = lecunUniform;
