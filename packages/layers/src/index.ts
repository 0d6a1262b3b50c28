export {
  Layer,
  getMask,
  singleInput,
  type LayerArgs,
  type CallArgs,
  type LayerConfig,
  type AddWeightOptions,
} from './layer.js';
export { SymbolicTensor, type Node } from './symbolic-tensor.js';
export { activate, withPreActivations } from './activate.js';
export {
  InputLayer,
  input,
  inputLayer,
  type TfjsInputLayerArgs,
  type InputArgs,
  type InputLayerArgs,
  type InputLayerConfig,
} from './input-layer.js';
export { Functional, type FunctionalArgs, type FunctionalConfig } from './functional.js';
export type { GraphConfig, GraphLayerConfig, NodeConfig, TensorRef } from './graph-config.js';
export {
  serializeLayer,
  deserializeLayer,
  layerClassNames,
  layerClasses,
  type LayerClass,
  type SerializedLayer,
} from './registry.js';
export type { InputSpec } from './input-spec.js';
export { type Shape, fmtShape } from './shape.js';
export { resetDefaultNames } from './naming.js';
export { withWeightSource, type WeightSource } from './weight-source.js';
export type { Activation, ActivationIdentifier, Initializer, InitializerIdentifier } from './identifiers.js';
export * as regularizers from './regularizers.js';
export type { Regularizer, RegularizerConfig, RegularizerIdentifier, RegularizerName } from './regularizers.js';
export * from './layers/index.js';
export { matmulLastAxis } from './layers/core/dense.js';
export { Pooling2D } from './layers/conv/pooling2d.js';
export { Merge } from './layers/merge/merge.js';
export {
  scaledDotProductAttention,
  causalMask,
  splitHeads,
  mergeHeads,
  type AttentionResult,
} from './layers/attention/attention-math.js';
export { RNNCell } from './layers/recurrent/rnn-cell.js';
export { DenseCell, type RNNCellArgs, type RNNCellConfig } from './layers/recurrent/dense-cell.js';
export { GatedCell, type GatedCellArgs, type GatedCellConfig } from './layers/recurrent/gated-cell.js';
export { runCell, type LoopOptions, type LoopResult } from './layers/recurrent/rnn-loop.js';
export {
  BaseConv,
  Conv,
  type BaseConvArgs,
  type BaseConvConfig,
  type ConvArgs,
  type ConvConfig,
} from './layers/conv/base-conv.js';
export { Pooling1D } from './layers/conv/pooling1d.js';
export { GlobalPooling } from './layers/conv/global-pooling.js';
export { ZeroPadding } from './layers/reshaping/zero-padding.js';
export { Cropping } from './layers/reshaping/cropping.js';
export { ElementwiseMerge } from './layers/merge/merge.js';
export { SeededLayer, type SeededArgs, type SeededConfig } from './layers/noise/seeded-layer.js';
export { CellRNN } from './layers/recurrent/rnn.js';
