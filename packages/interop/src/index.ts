/**
 * @rectify/interop — leave and enter Rectify: ONNX export, the TensorFlow.js layers format, safetensors weights.
 */
export { encodeOnnx, exportOnnx, onnxLayerClassNames, type OnnxExportOptions } from './onnx/export.js';
export { onnxActivationNames } from './onnx/activations.js';
export { encodeOnnxModel, OnnxDataType, type OnnxModel, type OnnxGraph, type OnnxNode, type OnnxTensor, type OnnxValueInfo, type OnnxAttribute } from './onnx/proto.js';
export { ProtoWriter, encodeVarint } from './protobuf/writer.js';
export { toLayerGraph, type ExportableModel, type LayerStack, type LayerGraph, type GraphStep, type GraphValue } from './model-graph.js';
export { writeFileAtomic } from './atomic-write.js';
export { encodeSafetensors, decodeSafetensors, MAX_HEADER_BYTES, type SafetensorsContent } from './safetensors/codec.js';
export {
  saveSafetensors, loadSafetensors, encodeWeightsSafetensors, assignWeightsSafetensors, saveWeightsSafetensors, loadWeightsSafetensors,
} from './safetensors/weights.js';
export { toTfjsArtifacts, type TfjsArtifacts } from './tfjs/export-tfjs.js';
export { fromTfjsArtifacts, type TfjsImport } from './tfjs/import-tfjs.js';
export { saveTfjs, loadTfjs } from './tfjs/files.js';
export { isTfjsModelJson, WEIGHTS_FILE, type TfjsModelJson, type TfjsWeightSpec, type TfjsWeightsGroup } from './tfjs/format.js';
export { tfjsLayerClassNames } from './tfjs/layer-configs.js';
