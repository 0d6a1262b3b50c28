import { ValueError } from '@rectify/tensor';
import { normalizeName } from '../checks.js';
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamax } from './adamax.js';
import { adamw } from './adamw.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';
import { rmsprop } from './rmsprop.js';
import { deserializeSchedule } from './schedules/registry.js';
import type { SerializedSchedule } from './schedules/schedule.js';
import { sgd } from './sgd.js';

/**
 * Every optimizer factory; names, lookups and deserialization all derive from this one object.
 * @example Object.keys(optimizerFactories); // → ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adamax', 'adadelta']
 */
export const optimizerFactories = { sgd, adam, adamw, rmsprop, adagrad, adamax, adadelta } as const;

export type OptimizerName = keyof typeof optimizerFactories;

/** An optimizer as model.json stores it. */
export interface SerializedOptimizer {
  readonly className: string;
  readonly config: OptimizerConfig;
}

export type OptimizerIdentifier = string | Optimizer | SerializedOptimizer;

const byName = new Map<string, (config: object) => Optimizer>(
  Object.entries(optimizerFactories).map(([name, f]) => [normalizeName(name), f as (config: object) => Optimizer]),
);

/**
 * `{className, config}`: what `getOptimizer` needs to rebuild an equal optimizer (its state is saved separately).
 * @example serializeOptimizer(adam({ learningRate: 0.01 })); // { className: 'Adam', config: { learningRate: 0.01, … } }
 */
export function serializeOptimizer(o: Optimizer): SerializedOptimizer {
  return { className: o.className, config: o.getConfig() };
}

/**
 * An optimizer from a name ('adam', 'SGD', 'rmsprop' — case and underscores ignored; defaults as Keras), a
 * serialized `{className, config}`, or an optimizer (returned as is).
 * @example getOptimizer('adam').learningRate; // → 0.001
 */
export function getOptimizer(identifier: OptimizerIdentifier): Optimizer {
  if (identifier instanceof Optimizer) return identifier;
  const name = typeof identifier === 'string' ? identifier : identifier?.className;
  const factory = typeof name === 'string' ? byName.get(normalizeName(name)) : undefined;
  if (!factory) {
    throw new ValueError(
      `getOptimizer: unknown optimizer ${JSON.stringify(name ?? identifier)}; known optimizers: ${Object.keys(optimizerFactories).join(', ')}`,
    );
  }
  if (typeof identifier === 'string') return factory({});
  const config: Record<string, unknown> = { ...(identifier.config ?? {}) };
  if (typeof config['learningRate'] === 'object' && config['learningRate'] !== null) {
    config['learningRate'] = deserializeSchedule(config['learningRate'] as SerializedSchedule);
  }
  return factory(config);
}
