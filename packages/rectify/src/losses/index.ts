/**
 * `rf.losses`: TensorFlow.js' loss functions — `rf.losses.meanSquaredError(labels, predictions, weights?, reduction?)`
 * returns the loss — and the Keras-style loss objects `compile` uses (`binaryCrossentropy({ fromLogits: true })`,
 * `get('mse')` …). Keras' mean squared error object is `get('meanSquaredError')` (the name belongs to tfjs' function).
 */
export { type Loss, type LossFunction, makeLoss } from './loss.js';
export { meanAbsoluteError } from './mean-absolute-error.js';
export { huber, type HuberOptions } from './huber.js';
export { binaryCrossentropy, type BinaryCrossentropyOptions } from './binary-crossentropy.js';
export { categoricalCrossentropy, type CategoricalCrossentropyOptions } from './categorical-crossentropy.js';
export {
  sparseCategoricalCrossentropy,
  type SparseCategoricalCrossentropyOptions,
} from './sparse-categorical-crossentropy.js';
export {
  lossFactories,
  getLoss,
  getLoss as get,
  lossNameOf,
  type LossName,
  type LossIdentifier,
  type SerializedLoss,
} from './registry.js';
export { Reduction, computeWeightedLoss } from './tfjs/reduction.js';
export {
  meanSquaredError,
  absoluteDifference,
  huberLoss,
  logLoss,
  hingeLoss,
  cosineDistance,
  sigmoidCrossEntropy,
  softmaxCrossEntropy,
} from './tfjs/tfjs-losses.js';
