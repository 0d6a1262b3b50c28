import type { Dataset } from '../datasets/types.js';
import { UsageError } from '../errors.js';
import { gptLayers } from './gpt-preset.js';
import type { LayerConfig } from './schema.js';

/** What a preset needs to know about the data to fill in its layers. */
export type PresetDataset = Pick<Dataset, 'name' | 'task' | 'numClasses' | 'inputShape' | 'vocabulary'>;

/**
 * The kinds of data a preset can be built for: `features` (one vector per sample), `image` (`[h, w, c]`),
 * `tokens` (windows of token ids, task `sequence`) and `series` (`[steps, features]` numbers per sample).
 */
export type DatasetKind = 'features' | 'image' | 'tokens' | 'series';

/** The kind of a loaded dataset, read from its task and the rank of one input sample. */
export function datasetKind(dataset: Pick<Dataset, 'task' | 'inputShape'>): DatasetKind {
  if (dataset.task === 'sequence') return 'tokens';
  if (dataset.inputShape.length === 3) return 'image';
  if (dataset.inputShape.length === 2) return 'series';
  return 'features';
}

/** One preset architecture: the data it accepts and the layers it builds for a dataset. */
export interface Preset {
  /** One line for `--help` and the README. */
  readonly summary: string;
  readonly accepts: readonly DatasetKind[];
  /** Image datasets are loaded as `[h, w, c]` for this preset rather than flat vectors. */
  readonly wantsImages?: boolean;
  layers(dataset: PresetDataset, activation: string, hidden: readonly number[] | undefined): LayerConfig[];
}

/** The output layer for a dataset: softmax over the classes, or one linear unit for regression. */
export function outputLayer(dataset: Pick<Dataset, 'task' | 'numClasses'>): LayerConfig {
  return dataset.task === 'regression'
    ? { type: 'dense', units: 1 }
    : { type: 'dense', units: dataset.numClasses, activation: 'softmax' };
}

/** Token windows go through an embedding first; numeric series enter the recurrent or conv layers as they are. */
function embedTokens(dataset: PresetDataset, outputDim: number): LayerConfig[] {
  return dataset.task === 'sequence'
    ? [{ type: 'embedding', inputDim: dataset.vocabulary?.length ?? dataset.numClasses, outputDim }]
    : [];
}

/** A recurrent preset: [embedding] → one recurrent layer (last state) → output. */
function recurrent(type: 'lstm' | 'gru'): Preset {
  return {
    summary: `[embedding 16 for tokens] → ${type} (hidden[0] ?? 64 units, last state) → output; token or series data`,
    accepts: ['tokens', 'series'],
    layers: (dataset, _activation, hidden) => [
      ...embedTokens(dataset, 16),
      { type, units: hidden?.[0] ?? 64 },
      outputLayer(dataset),
    ],
  };
}

/**
 * The preset architectures, by name — the one place a preset is defined: the `--model` choices, the config
 * schema, the default for sequence data and the help text are all read from this table. A new preset is one entry.
 */
const table = {
  mlp: {
    summary: '[flatten] → dense(h) per hidden size (default 256-128 for wide inputs, 64-64 otherwise) → output',
    accepts: ['features', 'image', 'tokens', 'series'],
    layers: (dataset, activation, hidden) => [
      ...(dataset.inputShape.length > 1 ? [{ type: 'flatten' }] : []),
      ...(hidden ?? (width(dataset) > 100 ? [256, 128] : [64, 64])).map((units) => ({
        type: 'dense',
        units,
        activation,
      })),
      outputLayer(dataset),
    ],
  },
  cnn: {
    summary: 'conv 16 → max-pool → conv 32 → max-pool → flatten → dense 64 → output; image data',
    accepts: ['image'],
    wantsImages: true,
    layers: (dataset, activation, hidden) => [
      { type: 'conv2d', filters: 16, kernelSize: 3, activation },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'conv2d', filters: 32, kernelSize: 3, activation },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'flatten' },
      { type: 'dense', units: hidden?.[0] ?? 64, activation },
      outputLayer(dataset),
    ],
  },
  transformer: {
    summary: 'embedding 32 → 2 transformer encoder blocks (2 heads, feed-forward 64) → flatten → output; token data',
    accepts: ['tokens'],
    layers: (dataset, activation, hidden) => [
      ...embedTokens(dataset, 32),
      { type: 'transformerEncoder', numHeads: 2, intermediateDim: hidden?.[0] ?? 64, activation, normFirst: true },
      { type: 'transformerEncoder', numHeads: 2, intermediateDim: hidden?.[0] ?? 64, activation, normFirst: true },
      { type: 'flatten' },
      outputLayer(dataset),
    ],
  },
  lstm: recurrent('lstm'),
  gru: recurrent('gru'),
  conv1d: {
    summary: '[embedding 16 for tokens] → 2 × (causal conv1d 32, kernel 3 → max-pool 2) → global average → output',
    accepts: ['tokens', 'series'],
    layers: (dataset, activation) => [
      ...embedTokens(dataset, 16),
      { type: 'conv1d', filters: 32, kernelSize: 3, padding: 'causal', activation },
      { type: 'maxPooling1d', poolSize: 2 },
      { type: 'conv1d', filters: 32, kernelSize: 3, padding: 'causal', activation },
      { type: 'globalAveragePooling1d' },
      outputLayer(dataset),
    ],
  },
  gpt: {
    summary:
      'causal character language model: token + position embedding → causal pre-norm transformer blocks → softmax ' +
      'at every position (default 4 blocks, d 128); token data',
    accepts: ['tokens'],
    layers: (dataset, activation, hidden) => gptLayers(dataset, activation, hidden),
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof table;
export const presets: Readonly<Record<PresetName, Preset>> = table;

/** Preset names in table order, for `--model` choices, the config schema and error messages. */
export const presetNames = Object.keys(table) as [PresetName, ...PresetName[]];

function width(dataset: PresetDataset): number {
  return dataset.inputShape.reduce((a, b) => a * b, 1);
}

/** The preset used when a config names neither a preset nor layers. */
export function defaultPreset(dataset: Pick<Dataset, 'task'>): PresetName {
  return dataset.task === 'sequence' ? 'transformer' : 'mlp';
}

/**
 * The layers of a preset architecture, filled in from the dataset (input rank, classes, vocabulary). A dataset
 * of a kind the preset does not accept is a usage error naming both.
 *
 * @example
 * presetLayers('mlp', irisDataset, 'relu'); // dense 64 relu, dense 64 relu, dense 3 softmax
 */
export function presetLayers(
  name: PresetName,
  dataset: PresetDataset,
  activation: string,
  hidden?: readonly number[],
): LayerConfig[] {
  const preset = presets[name];
  const kind = datasetKind(dataset);
  if (!preset.accepts.includes(kind)) {
    const fitting = presetNames.filter((n) => presets[n].accepts.includes(kind));
    throw new UsageError(
      `model preset '${name}' needs ${preset.accepts.join(' or ')} data; dataset '${dataset.name}' is ${kind} data ` +
        `(input shape [${dataset.inputShape.join(', ')}]); presets for ${kind} data: ${fitting.join(', ')}`,
    );
  }
  return preset.layers(dataset, activation, hidden);
}
