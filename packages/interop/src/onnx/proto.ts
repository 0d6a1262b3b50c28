import { ProtoWriter } from '../protobuf/writer.js';

/** TensorProto.DataType values used here (onnx.proto). */
export const OnnxDataType = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9 } as const;
export type OnnxDataTypeCode = (typeof OnnxDataType)[keyof typeof OnnxDataType];

/** A constant tensor: dims plus little-endian raw bytes (TensorProto.raw_data). */
export interface OnnxTensor {
  readonly name: string;
  readonly dataType: OnnxDataTypeCode;
  readonly dims: readonly number[];
  readonly raw: Uint8Array;
}

/** An attribute value with its ONNX type spelled out: a JS number cannot tell an int from a float. */
export type OnnxAttribute =
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'ints'; readonly value: readonly number[] }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'tensor'; readonly value: OnnxTensor };

export interface OnnxNode {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, OnnxAttribute>>;
}

/** A graph input or output: element type and shape, a string for a symbolic dimension (e.g. 'batch'). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: OnnxDataTypeCode;
  readonly shape: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

export interface OnnxModel {
  readonly irVersion: number;
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly graph: OnnxGraph;
}

// AttributeProto.AttributeType values.
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

// Field numbers below are onnx.proto's (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
// ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).

function tensorProto(t: OnnxTensor): ProtoWriter {
  return new ProtoWriter().int64s(1, t.dims).int64(2, t.dataType).string(8, t.name).bytes(9, t.raw);
}

function attributeProto(name: string, a: OnnxAttribute): ProtoWriter {
  const w = new ProtoWriter().string(1, name).int64(20, ATTRIBUTE_TYPE[a.type]);
  switch (a.type) {
    case 'float':
      return w.float(2, a.value);
    case 'int':
      return w.int64(3, a.value);
    case 'string':
      return w.string(4, a.value);
    case 'tensor':
      return w.message(5, tensorProto(a.value));
    case 'floats':
      return w.floats(7, a.value);
    case 'ints':
      return w.int64s(8, a.value);
    case 'strings':
      return w.strings(9, a.value);
  }
}

function nodeProto(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter().strings(1, n.inputs).strings(2, n.outputs).string(3, n.name).string(4, n.opType);
  for (const [name, a] of Object.entries(n.attributes)) w.message(5, attributeProto(name, a));
  return w;
}

function valueInfoProto(v: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    shape.message(1, typeof d === 'number' ? new ProtoWriter().int64(1, d) : new ProtoWriter().string(2, d));
  }
  const tensorType = new ProtoWriter().int64(1, v.elemType).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

function graphProto(g: OnnxGraph): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, nodeProto(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, tensorProto(t));
  for (const v of g.inputs) w.message(11, valueInfoProto(v));
  for (const v of g.outputs) w.message(12, valueInfoProto(v));
  return w;
}

/**
 * Serializes a model to the ONNX protobuf wire format (a `.onnx` file), importing the default domain's opset.
 * @example
 * // y = relu(x) for x of shape [batch, 3].
 * const graph: OnnxGraph = {
 *   name: 'relu',
 *   nodes: [{ opType: 'Relu', name: 'relu', inputs: ['x'], outputs: ['y'], attributes: {} }],
 *   initializers: [],
 *   inputs: [{ name: 'x', elemType: OnnxDataType.FLOAT, shape: ['batch', 3] }],
 *   outputs: [{ name: 'y', elemType: OnnxDataType.FLOAT, shape: ['batch', 3] }],
 * };
 * const bytes = encodeOnnxModel({ irVersion: 8, opsetVersion: 17, producerName: 'rectify', producerVersion: '0.1.0', graph });
 * bytes.length // → 104
 * // ModelProto field 1 (ir_version) comes first: tag 0x08, then the varint 8.
 * Array.from(bytes.subarray(0, 2)) // → [8, 8]
 */
export function encodeOnnxModel(m: OnnxModel): Uint8Array {
  const w = new ProtoWriter().int64(1, m.irVersion).string(2, m.producerName).string(3, m.producerVersion);
  if (m.docString) w.string(6, m.docString);
  w.message(7, graphProto(m.graph));
  w.message(8, new ProtoWriter().string(1, '').int64(2, m.opsetVersion));
  return w.finish();
}
