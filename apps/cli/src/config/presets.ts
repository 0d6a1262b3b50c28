import type { Dataset } from '../datasets/types.js';
import { gptLayers } from './gpt-preset.js';
import type { LayerConfig } from './schema.js';

/** The output layer for a dataset: softmax over the classes, or one linear unit for regression. */
export function outputLayer(dataset: Pick<Dataset, 'task' | 'numClasses'>): LayerConfig {
  return dataset.task === 'regression'
    ? { type: 'dense', units: 1 }
    : { type: 'dense', units: dataset.numClasses, activation: 'softmax' };
}

/**
 * The layers of a preset architecture, filled in from the dataset (input rank, classes, vocabulary):
 * - `mlp`: [flatten] → dense(h, activation) for each hidden size (default 256-128 for wide inputs, 64-64 otherwise) → output
 * - `cnn`: conv 16 → max-pool → conv 32 → max-pool → flatten → dense 64 → output (image inputs)
 * - `transformer`: embedding 32 → 2 transformer encoder blocks (2 heads, feed-forward 64 with the activation) →
 *   flatten → output (token windows)
 * - `gpt`: a causal character language model predicting every next token, see {@link gptLayers}
 *
 * @example
 * presetLayers('mlp', irisDataset, 'relu'); // dense 64 relu, dense 64 relu, dense 3 softmax
 */
export function presetLayers(
  preset: 'mlp' | 'cnn' | 'transformer' | 'gpt',
  dataset: Pick<Dataset, 'task' | 'numClasses' | 'inputShape' | 'vocabulary'>,
  activation: string,
  hidden?: readonly number[],
): LayerConfig[] {
  const width = dataset.inputShape.reduce((a, b) => a * b, 1);
  switch (preset) {
    case 'mlp':
      return [
        ...(dataset.inputShape.length > 1 ? [{ type: 'flatten' }] : []),
        ...(hidden ?? (width > 100 ? [256, 128] : [64, 64])).map((units) => ({ type: 'dense', units, activation })),
        outputLayer(dataset),
      ];
    case 'cnn':
      return [
        { type: 'conv2d', filters: 16, kernelSize: 3, activation },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'conv2d', filters: 32, kernelSize: 3, activation },
        { type: 'maxPooling2d', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dense', units: hidden?.[0] ?? 64, activation },
        outputLayer(dataset),
      ];
    case 'transformer':
      return [
        { type: 'embedding', inputDim: dataset.vocabulary?.length ?? dataset.numClasses, outputDim: 32 },
        { type: 'transformerEncoder', numHeads: 2, intermediateDim: hidden?.[0] ?? 64, activation, normFirst: true },
        { type: 'transformerEncoder', numHeads: 2, intermediateDim: hidden?.[0] ?? 64, activation, normFirst: true },
        { type: 'flatten' },
        outputLayer(dataset),
      ];
    case 'gpt':
      return gptLayers(dataset, activation, hidden);
  }
}
