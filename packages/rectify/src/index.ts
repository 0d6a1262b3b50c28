/**
 * Rectify — one import for most users: `import * as rf from '@rectify/rectify'`.
 *
 * Top level: every tensor op and autograd function (rf.tensor, rf.matmul, rf.grad, rf.tidy …), each activation as a
 * function (rf.relu, rf.gelu …), rf.input, rf.sequential, rf.model, rf.loadModel, rf.exportOnnx and the other
 * interop functions. Namespaces: rf.activations, rf.initializers, rf.layers, rf.regularizers, rf.optimizers,
 * rf.train (TensorFlow.js' optimizer constructors), rf.losses, rf.metrics, rf.callbacks, rf.data (streaming datasets, tf.data's API), rf.interop,
 * rf.io (IO handlers and routers), rf.text (sampling text from a causal language model).
 *
 * This is the browser entry: no `node:` module is reachable from it. Under Node the package's `node` export
 * condition picks `index.node.ts` instead, which adds the `file://` handler and the file system.
 */
export * from '@rectify/tensor';
export * from '@rectify/autograd';

// The activation catalogue at the top level (rf.relu, rf.gelu … with their definitions and scalar kernels), derived
// from its exports like the registry: a new catalogue file appears here without a line in this file. Where
// @rectify/tensor has an op of the same name the activation wins — same values, and it carries the activation's
// derivative; the names are spelled out because two `export *` of one name would export neither (the compiler
// reports such a clash, so a new one cannot slip through).
export * from '@rectify/activations/catalogue';
export { sigmoid, tanh, softplus, softmax, logSoftmax } from '@rectify/activations/catalogue';
export { activationStats } from '@rectify/activations';
export * as activations from '@rectify/activations';
export * as initializers from '@rectify/initializers';
export * as layers from '@rectify/layers';
export {
  regularizers,
  input,
  Layer,
  SymbolicTensor,
  InputLayer,
  Functional,
  withPreActivations,
} from '@rectify/layers';

export * as optimizers from './optimizers/index.js';
export * as train from './optimizers/train.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export * as callbacks from './callbacks/index.js';
export {
  layerActivity,
  type LayerActivity,
  type LayerActivityOptions,
  type ActivityModel,
} from './diagnostics/layer-activity.js';
export * as text from './text/index.js';
export * as data from '@rectify/data';

export {
  Sequential,
  sequential,
  Model,
  model,
  LayersModel,
  type SequentialArgs,
  type ModelArgs,
  type SummaryOptions,
} from './models/index.js';
export {
  loadModel,
  io,
  type LoadOptions,
  type SaveOptions,
  type SaveResult,
  type SaveFormat,
  type WeightsOptions,
  type WeightsFormat,
  type IOHandler,
  type ModelArtifacts,
} from './io/index.js';

// Leaving and entering Rectify (@rectify/interop): the everyday functions at the top level, all of it as rf.interop.
export {
  exportOnnx,
  encodeOnnx,
  saveTfjs,
  loadTfjs,
  toTfjsArtifacts,
  fromTfjsArtifacts,
  isTfjsModelJson,
  encodeSafetensors,
  decodeSafetensors,
  saveSafetensors,
  loadSafetensors,
  type OnnxExportOptions,
  type ExportableModel,
  type TfjsArtifacts,
  type TfjsImport,
  type SafetensorsContent,
} from '@rectify/interop';
export * as interop from '@rectify/interop';
export {
  NonFiniteLossError,
  type FitOptions,
  type FitDatasetOptions,
  type CompileArgs,
  type Data,
} from './training/index.js';
export type { Logs } from './callbacks/callback.js';
export { History } from './callbacks/history.js';
export { VERSION } from './version.js';
// TensorFlow.js keeps the loss reduction enum at the top level (tf.Reduction) as well.
export { Reduction } from './losses/tfjs/reduction.js';
