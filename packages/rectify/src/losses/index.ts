export { type Loss, type LossFunction, makeLoss, alignTargets, batchMean } from './loss.js';
export { meanSquaredError } from './mean-squared-error.js';
export { meanAbsoluteError } from './mean-absolute-error.js';
export { huber, type HuberOptions } from './huber.js';
export { binaryCrossentropy, type BinaryCrossentropyOptions, PROBABILITY_EPSILON } from './binary-crossentropy.js';
export { categoricalCrossentropy, classLogProbabilities, type CategoricalCrossentropyOptions } from './categorical-crossentropy.js';
export { sparseCategoricalCrossentropy, classLabels, type SparseCategoricalCrossentropyOptions } from './sparse-categorical-crossentropy.js';
export { lossFactories, getLoss, lossNameOf, type LossName, type LossIdentifier, type SerializedLoss } from './registry.js';
