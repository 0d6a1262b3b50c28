/**
 * @rectify/interop — leave and enter Rectify: ONNX export, the TensorFlow.js layers format, safetensors weights.
 *
 * This is the browser entry: it imports no `node:` module. Functions that take a file path (exportOnnx with a
 * path, saveTfjs, loadTfjs, saveSafetensors …) use the file system the Node entry (`index.node.ts`, chosen by the
 * `node` export condition) registers; in a browser they say so and name the in-memory alternative.
 */
export { encodeOnnx, exportOnnx, onnxLayerClassNames, type OnnxExportOptions } from './onnx/export.js';
export { onnxActivationNames } from './onnx/activations.js';
export {
  encodeOnnxModel,
  OnnxDataType,
  type OnnxModel,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
  type OnnxAttribute,
} from './onnx/proto.js';
export { ProtoWriter, encodeVarint } from './protobuf/writer.js';
export {
  toLayerGraph,
  type ExportableModel,
  type LayerStack,
  type LayerGraph,
  type GraphStep,
  type GraphValue,
} from './model-graph.js';
export { writeFileAtomic } from './files/write-file.js';
export {
  registerFilePort,
  filePort,
  type FilePort,
  type DirectoryPlan,
  type DirectoryWritten,
} from './files/file-port.js';
export {
  type ModelSource,
  type ReadLimit,
  MAX_MODEL_JSON_BYTES,
  DEFAULT_MAX_WEIGHT_BYTES,
  SHARD_BYTES,
  checkFileName,
  checkLength,
  checkBudget,
  sizeError,
  readModelJsonText,
} from './files/model-source.js';
export { sha256Hex, splitShards } from './files/sha256.js';
export { parseModelJson, checkDepth, scanJson, MAX_JSON_DEPTH } from './json-guard.js';
export {
  encodeSafetensors,
  decodeSafetensors,
  MAX_HEADER_BYTES,
  type SafetensorsContent,
} from './safetensors/codec.js';
export {
  saveSafetensors,
  loadSafetensors,
  encodeWeightsSafetensors,
  assignWeightsSafetensors,
  saveWeightsSafetensors,
  loadWeightsSafetensors,
} from './safetensors/weights.js';
export { toTfjsArtifacts, type TfjsArtifacts } from './tfjs/export-tfjs.js';
export { fromTfjsArtifacts, type TfjsImport } from './tfjs/import-tfjs.js';
export { saveTfjs, loadTfjs } from './tfjs/files.js';
export { readTfjsModel, type TfjsReadOptions } from './tfjs/read-tfjs.js';
export { tfjsModelFiles, tfjsFilesWeWrote, TFJS_SHARD_PATTERN, type TfjsModelFiles } from './tfjs/tfjs-files.js';
export {
  isTfjsModelJson,
  WEIGHTS_FILE,
  type TfjsModelJson,
  type TfjsWeightSpec,
  type TfjsWeightsGroup,
} from './tfjs/format.js';
export { tfjsLayerClassNames } from './tfjs/layer-configs.js';
