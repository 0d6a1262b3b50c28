import { ValueError } from '@rectify/tensor';
import { normalizeName } from '../checks.js';
import type { Loss } from '../losses/loss.js';
import { accuracy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from './accuracy.js';
import { bitsPerCharacter } from './bits-per-character.js';
import { type Metric, type MetricFunction, meanMetric } from './metric.js';
import { precision, recall } from './precision-recall.js';
import { meanAbsoluteError, meanSquaredError } from './regression.js';

/**
 * Every metric factory by canonical name; lookups derive from this object.
 * @example Object.keys(metricFactories).includes('precision'); // → true
 */
export const metricFactories = {
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
  precision,
  recall,
  meanSquaredError,
  meanAbsoluteError,
  bitsPerCharacter,
} as const;

export type MetricName = keyof typeof metricFactories;

const shortNames: Readonly<Record<string, MetricName>> = {
  acc: 'accuracy',
  mse: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  bpc: 'bitsPerCharacter',
};
const byName = new Map<string, MetricName>(
  Object.keys(metricFactories).map((n) => [normalizeName(n), n as MetricName]),
);

export type MetricIdentifier =
  string | Metric | MetricFunction | { readonly className: string; readonly config?: Record<string, unknown> };

/**
 * A metric from a name (Keras spellings: 'accuracy', 'acc', 'sparse_categorical_accuracy', 'mse' …), a serialized
 * `{className, config}`, a metric, or a function giving a per-example value. With the compiled `loss` known,
 * 'accuracy' becomes the kind the loss implies (binary with threshold 0 for a binary loss from logits).
 * @example getMetric('accuracy', { loss: rf.losses.getLoss('sparseCategoricalCrossentropy') }).name; // → 'sparseCategoricalAccuracy'
 */
export function getMetric(identifier: MetricIdentifier, context: { loss?: Loss } = {}): Metric {
  if (typeof identifier === 'function') return meanMetric(identifier.name || 'customMetric', {}, identifier);
  if (typeof identifier === 'object' && identifier !== null && 'update' in identifier) return identifier;
  const raw = typeof identifier === 'string' ? identifier : identifier?.className;
  const key = typeof raw === 'string' ? normalizeName(raw) : '';
  const name = byName.get(key) ?? shortNames[key];
  if (!name) {
    throw new ValueError(
      `getMetric: unknown metric ${JSON.stringify(raw ?? identifier)}; known metrics: ${Object.keys(metricFactories).join(', ')} (aliases: ${Object.keys(shortNames).join(', ')})`,
    );
  }
  const config = typeof identifier === 'string' ? {} : (identifier.config ?? {});
  const loss = context.loss;
  const logitThreshold =
    loss?.name === 'binaryCrossentropy' && loss.fromLogits && !('threshold' in config) ? { threshold: 0 } : {};
  if (name === 'accuracy' && loss) {
    if (loss.name === 'sparseCategoricalCrossentropy') return sparseCategoricalAccuracy();
    if (loss.name === 'categoricalCrossentropy') return categoricalAccuracy();
    if (loss.name === 'binaryCrossentropy') return binaryAccuracy({ ...config, ...logitThreshold });
  }
  if (name === 'precision' || name === 'recall' || name === 'binaryAccuracy') {
    return (metricFactories[name] as (c: object) => Metric)({ ...config, ...logitThreshold });
  }
  return (metricFactories[name] as (c: object) => Metric)(config);
}
