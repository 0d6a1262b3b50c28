export { type Loss, type LossFunction, makeLoss } from './loss.js';
export { meanSquaredError } from './mean-squared-error.js';
export { meanAbsoluteError } from './mean-absolute-error.js';
export { huber, type HuberOptions } from './huber.js';
export { binaryCrossentropy, type BinaryCrossentropyOptions } from './binary-crossentropy.js';
export { categoricalCrossentropy, type CategoricalCrossentropyOptions } from './categorical-crossentropy.js';
export { sparseCategoricalCrossentropy, type SparseCategoricalCrossentropyOptions } from './sparse-categorical-crossentropy.js';
export { lossFactories, getLoss, lossNameOf, type LossName, type LossIdentifier, type SerializedLoss } from './registry.js';
