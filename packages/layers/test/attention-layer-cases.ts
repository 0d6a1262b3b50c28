import { type Tensor, randomNormal, tensor } from '@rectify/tensor';
import {
  type Layer,
  positionEmbedding,
  sinePositionEncoding,
  tokenAndPositionEmbedding,
  transformerDecoder,
} from '@rectify/layers';

const features = () => randomNormal([2, 5, 4], 0, 1, 'float32', 3);
const tokens = () =>
  tensor(
    [
      [1, 2, 3, 0, 4],
      [4, 4, 1, 2, 0],
    ],
    [2, 5],
    'int32',
  );

/** The position layers and the causal, gated block, each with an input it accepts. */
export const attentionLayerCases: { make: () => Layer; x: () => Tensor | Tensor[] }[] = [
  {
    make: () => positionEmbedding({ sequenceLength: 8, initializer: { name: 'glorotUniform', seed: 1 } }),
    x: features,
  },
  { make: () => sinePositionEncoding({ maxWavelength: 100 }), x: features },
  {
    make: () => tokenAndPositionEmbedding({ vocabularySize: 5, sequenceLength: 6, embeddingDim: 4, positions: 'sine' }),
    x: tokens,
  },
  { make: () => transformerDecoder({ numHeads: 2, intermediateDim: 6, activation: 'swiglu' }), x: features },
];
