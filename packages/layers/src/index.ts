export { Layer, singleInput, type LayerArgs, type CallArgs, type LayerConfig, type AddWeightOptions } from './layer.js';
export { SymbolicTensor, type Node } from './symbolic-tensor.js';
export { InputLayer, input, inputLayer, type TfjsInputLayerArgs, type InputArgs, type InputLayerArgs, type InputLayerConfig } from './input-layer.js';
export { Functional, type FunctionalArgs, type FunctionalConfig } from './functional.js';
export type { GraphConfig, GraphLayerConfig, NodeConfig, TensorRef } from './graph-config.js';
export { serializeLayer, deserializeLayer, layerClassNames, type LayerClass, type SerializedLayer } from './registry.js';
export type { InputSpec } from './input-spec.js';
export { type Shape, fmtShape } from './shape.js';
export { resetDefaultNames } from './naming.js';
export type { Activation, ActivationIdentifier, Initializer, InitializerIdentifier } from './identifiers.js';
export * as regularizers from './regularizers.js';
export type { Regularizer, RegularizerConfig, RegularizerIdentifier, RegularizerName } from './regularizers.js';
export * from './layers/index.js';
export { matmulLastAxis } from './layers/core/dense.js';
export { Pooling2D } from './layers/conv/pooling2d.js';
export { Merge } from './layers/merge/merge.js';
export {
  scaledDotProductAttention, causalMask, splitHeads, mergeHeads, type AttentionResult,
} from './layers/attention/attention-math.js';
