import { initializers, losses, metrics, optimizers } from '@rectify/rectify';
import { UsageError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { ResolvedConfig } from './resolve.js';

/** Runs a registry lookup; a failure becomes a usage error naming the config field, with a suggestion. */
function check(
  field: string,
  kind: string,
  name: string,
  known: readonly string[],
  lookup: (name: string) => unknown,
): void {
  try {
    lookup(name);
  } catch {
    throw new UsageError(
      `${field}: unknown ${kind} '${name}'${didYouMean(name, known)}; known ${kind}s: ${known.join(', ')}`,
    );
  }
}

/**
 * Checks the names a config gives the framework — optimizer, loss, metrics, initializer — before anything is
 * built, so that a typo is reported as `loss: unknown loss 'mse2' (did you mean 'mse'?); known losses: …`.
 *
 * @example
 * checkNames(resolveConfig(config, dataset));
 */
export function checkNames(config: ResolvedConfig): void {
  check('optimizer.name', 'optimizer', config.optimizer.name, Object.keys(optimizers.optimizerFactories), (n) =>
    optimizers.getOptimizer(n),
  );
  const lossNames = [...Object.keys(losses.lossFactories), 'mse', 'mae'];
  check('loss', 'loss', config.loss, lossNames, (n) => losses.getLoss(n));
  const metricNames = [...Object.keys(metrics.metricFactories), 'acc', 'mse', 'mae'];
  config.metrics.forEach((m, i) => check(`metrics[${i}]`, 'metric', m, metricNames, (n) => metrics.getMetric(n)));
  if (config.model.initializer !== undefined) {
    check('model.initializer', 'initializer', config.model.initializer, initializers.list(), (n) =>
      initializers.get(n),
    );
  }
}
