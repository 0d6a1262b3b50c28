import type { ConfigInput } from './schema.js';
import { validateConfig } from './load.js';

/** Options of `rectify train` (and `compare`) that override fields of the config. */
export interface ConfigFlags {
  dataset?: string;
  target?: string;
  task?: 'classification' | 'regression';
  limit?: number;
  layout?: 'flat' | 'image';
  seqLen?: number;
  standardize?: boolean;
  model?: 'mlp' | 'cnn' | 'transformer' | 'gpt';
  activation?: string;
  init?: string;
  hidden?: number[];
  optimizer?: string;
  lr?: number;
  loss?: string;
  metrics?: string[];
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  seed?: number;
  backend?: 'cpu' | 'gpu' | 'wasm';
  out?: string;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Applies command-line flags over a config (flags win) and validates the result, so that a bad flag value is
 * reported like a bad config field. Without a config, `--dataset` is required.
 *
 * @example
 * applyFlags({ dataset: { name: 'iris' }, epochs: 10 }, { epochs: 3, lr: 0.01 }, 'iris.yaml');
 * // { dataset: { name: 'iris' }, epochs: 3, optimizer: { name: 'adam', learningRate: 0.01 } }
 */
export function applyFlags(config: ConfigInput | undefined, flags: ConfigFlags, source = 'command line'): ConfigInput {
  const base: Record<string, unknown> = { ...(config ?? {}) };
  const datasetBase = (config?.dataset ?? {}) as Record<string, unknown>;
  const dataset = defined({
    ...datasetBase,
    name: flags.dataset ?? datasetBase['name'],
    target: flags.target ?? datasetBase['target'],
    task: flags.task ?? datasetBase['task'],
    limit: flags.limit ?? datasetBase['limit'],
    layout: flags.layout ?? datasetBase['layout'],
    seqLen: flags.seqLen ?? datasetBase['seqLen'],
  });
  const model: Record<string, unknown> = { ...(config?.model ?? {}) };
  if (flags.model !== undefined) {
    // A preset on the command line replaces the config's architecture rather than mixing with it.
    delete model['layers'];
    model['preset'] = flags.model;
  }
  if (flags.activation !== undefined) model['activation'] = flags.activation;
  if (flags.init !== undefined) model['initializer'] = flags.init;
  if (flags.hidden !== undefined) model['hidden'] = flags.hidden;
  const configOptimizer = config?.optimizer;
  const optimizerBase =
    typeof configOptimizer === 'string' ? { name: configOptimizer } : { ...(configOptimizer ?? {}) };
  const optimizer = defined({
    ...optimizerBase,
    name: flags.optimizer ?? optimizerBase.name ?? (flags.lr === undefined ? undefined : 'adam'),
    learningRate: flags.lr ?? optimizerBase.learningRate,
  });
  const merged: Record<string, unknown> = {
    ...base,
    dataset,
    ...(Object.keys(model).length > 0 ? { model } : {}),
    ...(Object.keys(optimizer).length > 0 ? { optimizer } : {}),
    ...defined({
      loss: flags.loss,
      metrics: flags.metrics,
      epochs: flags.epochs,
      batchSize: flags.batchSize,
      validationSplit: flags.validationSplit,
      seed: flags.seed,
      backend: flags.backend,
      out: flags.out,
    }),
  };
  if (flags.standardize !== undefined)
    merged['preprocessing'] = { ...(config?.preprocessing ?? {}), standardize: flags.standardize };
  return validateConfig(merged, source);
}
