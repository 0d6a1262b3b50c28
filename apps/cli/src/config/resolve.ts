import type { Dataset, LoadOptions, Task } from '../datasets/types.js';
import { defaultPreset, presets, type PresetName } from './presets.js';
import type { ConfigInput, LayerConfig } from './schema.js';

/** A config with every default filled in: what the run directory stores as `config.json` and `--resume` reads. */
export interface ResolvedConfig {
  readonly name: string;
  readonly dataset: ConfigInput['dataset'];
  readonly preprocessing: { readonly standardize: boolean };
  readonly model: {
    readonly preset?: PresetName;
    readonly activation?: string;
    readonly initializer?: string;
    readonly hidden?: readonly number[];
    readonly layers?: readonly LayerConfig[];
  };
  readonly optimizer: { readonly name: string; readonly learningRate?: number };
  readonly loss: string;
  readonly metrics: readonly string[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly validationSplit: number;
  readonly seed: number;
  readonly backend: 'cpu' | 'gpu' | 'wasm';
  readonly checkpointEvery: number;
}

export const DEFAULTS = {
  epochs: 10,
  batchSize: 32,
  validationSplit: 0.1,
  seed: 42,
  backend: 'cpu',
  optimizer: 'adam',
  checkpointEvery: 1,
} as const;

/** The loss and metrics that fit a task when the config names none. */
export function taskDefaults(task: Task): { loss: string; metrics: string[] } {
  return task === 'regression'
    ? { loss: 'meanSquaredError', metrics: ['meanAbsoluteError'] }
    : { loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] };
}

/** Whether the model wants images (`[28, 28, 1]`) rather than flat vectors: an image preset or a 2-D conv layer. */
function wantsImages(model: ConfigInput['model']): boolean {
  if (model?.preset !== undefined && model.layers === undefined) return presets[model.preset].wantsImages === true;
  return (model?.layers ?? []).some((l) => /conv2d|pool(ing)?2d/i.test(l.type));
}

/**
 * The dataset loader's options for a config: layout inferred from the model when not given, preprocessing.
 *
 * @example
 * loadOptionsFor({ dataset: { name: 'mnist' }, model: { preset: 'cnn' } }); // { layout: 'image', … }
 */
export function loadOptionsFor(config: ConfigInput): LoadOptions & { task?: Task } {
  const d = config.dataset;
  return {
    layout: d.layout ?? (wantsImages(config.model) ? 'image' : 'flat'),
    standardize: config.preprocessing?.standardize ?? false,
    ...(d.limit !== undefined && { limit: d.limit }),
    ...(d.seqLen !== undefined && { seqLen: d.seqLen }),
    ...(d.target !== undefined && { target: d.target }),
    ...(d.task !== undefined && { task: d.task }),
    ...(d.samples !== undefined && { samples: d.samples }),
    ...(d.noise !== undefined && { noise: d.noise }),
    // A causal language model learns the next token at every position, not only after the window.
    ...(config.model?.preset === 'gpt' && { targets: 'sequence' as const }),
  };
}

/**
 * Fills in every default, using the loaded dataset for what depends on the data (loss and metrics by task; the
 * sequence preset for a sequence dataset).
 *
 * @example
 * resolveConfig({ dataset: { name: 'iris' } }, irisDataset).loss; // 'sparseCategoricalCrossentropy'
 */
export function resolveConfig(config: ConfigInput, dataset: Dataset): ResolvedConfig {
  const defaults = taskDefaults(dataset.task);
  const optimizer =
    typeof config.optimizer === 'string'
      ? { name: config.optimizer }
      : (config.optimizer ?? { name: DEFAULTS.optimizer });
  const model = config.model ?? {};
  const preset = model.layers === undefined ? (model.preset ?? defaultPreset(dataset)) : model.preset;
  return {
    name: config.name ?? `${dataset.name}-${preset ?? 'custom'}`,
    dataset: config.dataset,
    preprocessing: { standardize: config.preprocessing?.standardize ?? false },
    model: { ...model, ...(preset !== undefined && model.layers === undefined ? { preset } : {}) },
    optimizer,
    loss: config.loss ?? defaults.loss,
    metrics: config.metrics ?? (preset === 'gpt' ? ['bitsPerCharacter', 'accuracy'] : defaults.metrics),
    epochs: config.epochs ?? DEFAULTS.epochs,
    batchSize: config.batchSize ?? DEFAULTS.batchSize,
    validationSplit: config.validationSplit ?? DEFAULTS.validationSplit,
    seed: config.seed ?? DEFAULTS.seed,
    backend: config.backend ?? DEFAULTS.backend,
    checkpointEvery: config.checkpointEvery ?? DEFAULTS.checkpointEvery,
  };
}
