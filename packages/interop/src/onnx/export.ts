import { ValueError } from '@rectify/tensor';
import { Embedding, type Layer, type Shape } from '@rectify/layers';
import { filePort } from '../files/file-port.js';
import { type ExportableModel, type GraphStep, type GraphValue, toLayerGraph } from '../model-graph.js';
import { VERSION } from '../version.js';
import { attentionConverters } from './convert-attention.js';
import { positionConverters } from './convert-position.js';
import { convConverters } from './convert-conv.js';
import { convVariantConverters } from './convert-conv-variants.js';
import { MASK_READERS, recurrentConverters } from './convert-recurrent.js';
import { reshapingConverters } from './convert-reshaping.js';
import { coreConverters } from './convert-core.js';
import type { Converter, OnnxValue } from './convert-types.js';
import { OnnxGraphBuilder } from './graph-builder.js';
import { OnnxDataType, type OnnxValueInfo, encodeOnnxModel } from './proto.js';

export interface OnnxExportOptions {
  /** The ONNX opset, 17 to 21 (default 17: LayerNormalization needs 17; from 20, GELU is the Gelu op). */
  opset?: number;
  /** Stored as the model's doc_string. */
  docString?: string;
}

/** The IR version each opset was released with (onnx/docs/Versioning.md). */
const IR_VERSION: Readonly<Record<number, number>> = { 17: 8, 18: 8, 19: 9, 20: 9, 21: 10 };

// Exact classes: a subclass may compute something else, so it must not pass as its parent.
const CONVERTERS = new Map<unknown, Converter<never>>([
  ...coreConverters,
  ...convConverters,
  ...convVariantConverters,
  ...reshapingConverters,
  ...recurrentConverters,
  ...attentionConverters,
  ...positionConverters,
]);

/** The class names `exportOnnx` converts. @example onnxLayerClassNames().includes('Conv2D'); // true */
export function onnxLayerClassNames(): string[] {
  return [...CONVERTERS.keys()].map((c) => (c as { className: string }).className).sort();
}

function converterFor(layer: Layer): Converter {
  const c = CONVERTERS.get(layer.constructor);
  if (!c) {
    throw new ValueError(
      `exportOnnx: layer '${layer.name}' of class '${layer.className}' has no ONNX conversion; supported: ${onnxLayerClassNames().join(', ')}`,
    );
  }
  return c as Converter;
}

/**
 * ONNX graphs carry no masks: a layer that would read one (recurrent layers, global average pooling over steps)
 * after an Embedding with `maskZero` would compute another model, so the export refuses it.
 */
function checkMasks(steps: readonly GraphStep[]): void {
  const maker = steps.find((s) => s.layer instanceof Embedding && s.layer.maskZero);
  const reader = maker && steps.find((s) => MASK_READERS.some((c) => s.layer instanceof c));
  if (maker && reader)
    throw new ValueError(
      `exportOnnx: layer '${reader.layer.name}' (${reader.layer.className}) would read the mask of '${maker.layer.name}' (Embedding with maskZero: true); ONNX graphs carry no masks — export a model without maskZero`,
    );
}

function valueInfo(name: string, v: GraphValue, role: string): OnnxValueInfo {
  const shape = v.shape.map((d, i) => (d === null ? (i === 0 ? 'batch' : `${role}_${name}_dim${i}`) : d));
  return { name, elemType: v.dtype === 'int32' ? OnnxDataType.INT32 : OnnxDataType.FLOAT, shape };
}

/**
 * The model as the bytes of an ONNX file (protobuf, opset 17 by default). Inputs keep Rectify's layout (NHWC for
 * images) and names (the input layers'; 'input' for a layer stack); outputs are named after the layers that
 * produce them. Dropout is dropped and batch normalization takes its inference form. A layer, activation or
 * option ONNX cannot express is an error naming it — never a silently different model.
 * @example const bytes = encodeOnnx(sequential([layers.dense({ units: 2, inputShape: [3] })]));
 */
export function encodeOnnx(model: ExportableModel, options: OnnxExportOptions = {}): Uint8Array {
  const opset = options.opset ?? 17;
  const ir = IR_VERSION[opset];
  if (ir === undefined)
    throw new ValueError(`exportOnnx: opset must be an integer from 17 to 21, received ${String(opset)}`);
  const g = toLayerGraph('exportOnnx', model);
  checkMasks(g.steps);
  const b = new OnnxGraphBuilder(opset);
  const names = new Map<number, OnnxValue>();
  const inputs = g.inputs.map(({ name, value }) => {
    const onnxName = b.reserve(name);
    names.set(value.id, { name: onnxName, shape: value.shape });
    return valueInfo(onnxName, value, 'input');
  });
  for (const step of g.steps) {
    const ins = step.inputs.map((v) => names.get(v.id)!);
    const outs = converterFor(step.layer)(b, step.layer, ins, step);
    step.outputs.forEach((v, i) => names.set(v.id, { name: outs[i]!, shape: v.shape as Shape }));
  }
  const outputs = g.outputs.map(({ name, value }) => ({
    ...valueInfo(name, value, 'output'),
    value: names.get(value.id)!.name,
  }));
  const graph = b.finish(g.name, inputs, outputs);
  return encodeOnnxModel({
    irVersion: ir,
    opsetVersion: opset,
    producerName: 'rectify',
    producerVersion: VERSION,
    docString: options.docString,
    graph,
  });
}

/**
 * Exports the model to ONNX: returns the file's bytes and, given a path (Node), writes them there atomically (a
 * temporary file renamed into place), creating the folder. See {@link encodeOnnx} for what is exported.
 * @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
 * await exportOnnx(model, './model.onnx');
 */
export async function exportOnnx(
  model: ExportableModel,
  path?: string,
  options: OnnxExportOptions = {},
): Promise<Uint8Array> {
  const bytes = encodeOnnx(model, options);
  if (path !== undefined) {
    if (typeof path !== 'string' || path.length === 0)
      throw new ValueError(`exportOnnx: path must be a non-empty string, received ${JSON.stringify(path)}`);
    const port = filePort('exportOnnx', 'call encodeOnnx(model) for the bytes (and offer them as a Blob download)');
    await port.writeFile('exportOnnx', port.resolve('exportOnnx', path), bytes);
  }
  return bytes;
}
