import { sequential, type LayersModel } from '@rectify/rectify';
import { RectifyError, setSeed } from '@rectify/tensor';
import type { Dataset } from '../datasets/types.js';
import { UsageError } from '../errors.js';
import { initSeed } from '../train/seeds.js';
import { buildLayers, layerSpecs } from './build-layers.js';
import type { ResolvedConfig } from './resolve.js';

/**
 * The compiled model a resolved config describes, with weights initialised from the run's seed. Names the
 * framework rejects (optimizer, loss, metric) become usage errors naming the config field.
 *
 * @example
 * const model = buildModel(resolveConfig(config, iris), iris);
 * model.summary();
 */
export function buildModel(config: ResolvedConfig, dataset: Dataset): LayersModel {
  const specs = layerSpecs(config, dataset);
  // Initialisers draw from the global stream when given no seed: reset it so the same seed gives the same weights.
  setSeed(initSeed(config.seed));
  const model = sequential(buildLayers(specs, config.model.layers !== undefined), {
    name: config.name.replace(/[^\w-]/g, '_'),
  });
  compileModel(model, config);
  return model;
}

/** Compiles with the config's optimizer, loss and metrics; framework errors point at the config field. */
export function compileModel(model: LayersModel, config: ResolvedConfig): void {
  const { name, learningRate } = config.optimizer;
  try {
    model.compile({
      optimizer: { className: name, config: learningRate === undefined ? {} : { learningRate } } as never,
      loss: config.loss,
      metrics: [...config.metrics],
    });
  } catch (error) {
    if (!(error instanceof RectifyError)) throw error;
    const field = /optimizer/i.test(error.message)
      ? 'optimizer'
      : /metric/i.test(error.message)
        ? 'metrics'
        : /loss/i.test(error.message)
          ? 'loss'
          : 'model';
    throw new UsageError(`${field}: ${error.message}`);
  }
}
