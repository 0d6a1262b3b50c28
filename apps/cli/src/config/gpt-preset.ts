import { gatedFeedForward } from '@rectify/layers';
import type { Dataset } from '../datasets/types.js';
import type { LayerConfig } from './schema.js';

/** Four blocks with a 512-wide feed-forward: d = 128, 4 heads (the size); `--hidden` changes it. */
export const GPT_DEFAULT_HIDDEN: readonly number[] = [512, 512, 512, 512];

/**
 * A decoder-only (GPT-style) character language model: token + learned position embedding → one causal pre-norm
 * block per `hidden` entry (its feed-forward width; model width d = width / 4 as in GPT, heads = d / 32) → layer
 * norm → softmax over the vocabulary at every position. A gated feed-forward (geglu, swiglu) gets ⅔ of the width,
 * so that its two input projections hold as many weights as the plain network's one (Shazeer 2020).
 *
 * @example gptLayers(mobyDickLm, 'gelu', [256, 256]); // d 64, 2 heads, 2 blocks
 */
export function gptLayers(
  dataset: Pick<Dataset, 'numClasses' | 'inputShape' | 'vocabulary'>,
  activation: string,
  hidden: readonly number[] = GPT_DEFAULT_HIDDEN,
): LayerConfig[] {
  const vocabulary = dataset.vocabulary?.length ?? dataset.numClasses;
  const width = hidden[0]!;
  const d = Math.max(4, Math.round(width / 4));
  const numHeads = Math.max(1, Math.round(d / 32));
  const gated = gatedFeedForward(activation) !== undefined;
  return [
    {
      type: 'tokenAndPositionEmbedding',
      vocabularySize: vocabulary,
      sequenceLength: dataset.inputShape[0]!,
      embeddingDim: d,
    },
    ...hidden.map((ff) => ({
      type: 'transformerEncoder',
      numHeads,
      intermediateDim: gated ? Math.round((2 * ff) / 3) : ff,
      activation,
      normFirst: true,
      causal: true,
    })),
    { type: 'layerNormalization' },
    { type: 'dense', units: dataset.numClasses, activation: 'softmax' },
  ];
}
