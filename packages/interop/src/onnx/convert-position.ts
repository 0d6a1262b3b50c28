import {
  PositionEmbedding,
  SinePositionEncoding,
  TokenAndPositionEmbedding,
  sineTable,
  type Layer,
  type Shape,
} from '@rectify/layers';
import { type Converter, unsupported } from './convert-types.js';
import { type OnnxGraphBuilder, attr } from './graph-builder.js';

/** The sequence length (axis 1), which must be fixed: the position rows are stored for exactly that length. */
function lengthOf(layer: Layer, shape: Shape): number {
  const t = shape[1];
  if (t === null || t === undefined)
    throw unsupported(layer, 'has an input of unknown length; give the model a fixed input length to export it');
  return t;
}

/** The first `t` rows of a learned position table, stored as their own initializer. */
function positionRows(b: OnnxGraphBuilder, layer: PositionEmbedding, t: number): string {
  const table = layer.embeddings!;
  const d = table.shape[1]!;
  return b.weight(table, table.name, { key: `rows:${t}`, dims: [t, d], values: (v) => v.slice(0, t * d) });
}

/** `[T, d]` broadcast to the input's shape, as the layers return it. */
const expandLike = (b: OnnxGraphBuilder, rows: string, x: string, scope: string) =>
  b.node('Expand', [rows, b.node('Shape', [x], {}, scope)], {}, scope);

const positionEmbedding: Converter<PositionEmbedding> = (b, layer, [x]) => [
  expandLike(b, positionRows(b, layer, lengthOf(layer, x!.shape)), x!.name, layer.name),
];

const sinePositionEncoding: Converter<SinePositionEncoding> = (b, layer, [x]) => {
  const t = lengthOf(layer, x!.shape);
  const d = x!.shape[2] as number;
  const table = sineTable(t, d, layer.maxWavelength);
  return [expandLike(b, b.constFloat(table.dataSync(), [t, d], layer.name), x!.name, layer.name)];
};

/** Gather the token rows, add the position rows (broadcast over the batch). */
const tokenAndPositionEmbedding: Converter<TokenAndPositionEmbedding> = (b, layer, [x], step) => {
  const t = lengthOf(layer, x!.shape);
  const d = layer.embeddingDim;
  const ids = step.inputs[0]!.dtype === 'int32' ? x!.name : b.node('Cast', [x!.name], { to: attr.int(6) }, layer.name);
  const table = layer.tokens.embeddings!;
  const tokens = b.node('Gather', [b.weight(table, table.name), ids], { axis: attr.int(0) }, layer.name);
  const rows =
    layer.position instanceof PositionEmbedding
      ? positionRows(b, layer.position, t)
      : b.constFloat(sineTable(t, d, layer.position.maxWavelength).dataSync(), [t, d], layer.name);
  return [b.node('Add', [tokens, rows], {}, layer.name)];
};

/** Converters of the position layers, keyed by class. */
export const positionConverters: readonly (readonly [abstract new (...args: never[]) => unknown, Converter<never>])[] =
  [
    [PositionEmbedding, positionEmbedding],
    [SinePositionEncoding, sinePositionEncoding],
    [TokenAndPositionEmbedding, tokenAndPositionEmbedding],
  ];
