export { type Metric, type MetricFunction, meanMetric } from './metric.js';
export {
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
  type BinaryAccuracyOptions,
} from './accuracy.js';
export { precision, recall, type ThresholdOptions } from './precision-recall.js';
export { meanSquaredError, meanAbsoluteError } from './regression.js';
export { metricFactories, getMetric, type MetricName, type MetricIdentifier } from './registry.js';
export { bitsPerCharacter, type BitsPerCharacterOptions } from './bits-per-character.js';
