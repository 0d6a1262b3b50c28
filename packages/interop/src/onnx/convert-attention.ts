import { LayerNormalization, MultiHeadAttention, TransformerEncoder, type Shape } from '@rectify/layers';
import { normalizeAxes } from '@rectify/tensor';
import { emitDense } from './convert-core.js';
import { type Converter, type OnnxValue, assertInference, unsupported } from './convert-types.js';
import { type OnnxGraphBuilder, attr } from './graph-builder.js';

/** The additive stand-in for −∞ that Rectify's attention writes on masked scores. */
const MASKED = -1e9;

/** ONNX LayerNormalization normalizes a suffix of the axes; Rectify's other axis sets have no single-op form. */
export function emitLayerNorm(b: OnnxGraphBuilder, layer: LayerNormalization, x: string, shape: Shape): string {
  const rank = shape.length;
  const axes = [...normalizeAxes(layer.name, layer.axis, rank)].sort((p, q) => p - q);
  const first = axes[0]!;
  if (axes.some((a, i) => a !== first + i) || axes[axes.length - 1] !== rank - 1) {
    throw unsupported(
      layer,
      `normalizes axes [${layer.axis.join(', ')}] of a rank-${rank} input; ONNX LayerNormalization needs the last axes`,
    );
  }
  const sizes = axes.map((a) => shape[a] as number);
  const scale = layer.gamma
    ? b.weight(layer.gamma, layer.gamma.name)
    : b.constFloat(new Array<number>(sizes.reduce((n, d) => n * d, 1)).fill(1), sizes, `${layer.name}/gamma`);
  const inputs = [x, scale, ...(layer.beta ? [b.weight(layer.beta, layer.beta.name)] : [])];
  return b.node(
    'LayerNormalization',
    inputs,
    { axis: attr.int(first), epsilon: attr.float(layer.epsilon) },
    layer.name,
  );
}

/** The lower-triangular keep-mask [T, S]: a constant when both lengths are known, else built from Shape and Range. */
function causalMask(b: OnnxGraphBuilder, scores: string, t: number | null, s: number | null, scope: string): string {
  if (t !== null && s !== null) {
    const values = Array.from({ length: t * s }, (_, k) => Math.floor(k / s) >= k % s);
    return b.constBool(values, [t, s], `${scope}/causal_mask`);
  }
  const shape = b.node('Shape', [scores], {}, scope);
  const length = (axis: number) =>
    b.node('Gather', [shape, b.constInt64([axis], [], scope)], { axis: attr.int(0) }, scope);
  const range = (n: string) =>
    b.node('Range', [b.constInt64([0], [], scope), n, b.constInt64([1], [], scope)], {}, scope);
  const rows = b.node('Unsqueeze', [range(length(2)), b.constInt64([1], [1], scope)], {}, scope);
  const cols = b.node('Unsqueeze', [range(length(3)), b.constInt64([0], [1], scope)], {}, scope);
  return b.node('GreaterOrEqual', [rows, cols], {}, scope);
}

/**
 * Multi-head attention decomposed into MatMul, Reshape, Transpose, Softmax (and Where for the causal mask), in
 * the order Rectify computes it: project, split heads, softmax(q/√d · kᵀ) · v, merge heads, project.
 */
function emitAttention(
  b: OnnxGraphBuilder,
  layer: MultiHeadAttention,
  q: OnnxValue,
  v: OnnxValue,
  k: OnnxValue,
  causal: boolean,
): string {
  const h = layer.numHeads;
  const scope = layer.name;
  const split = (x: OnnxValue, dense: typeof layer.query, d: number, perm: number[]) => {
    const heads = b.node('Reshape', [emitDense(b, dense, x.name), b.constInt64([0, 0, h, d], [4], scope)], {}, scope);
    return b.transpose(heads, perm, scope);
  };
  const query = split(q, layer.query, layer.keyDim, [0, 2, 1, 3]);
  const keyT = split(k, layer.key, layer.keyDim, [0, 2, 3, 1]);
  const value = split(v, layer.value, layer.valueDim, [0, 2, 1, 3]);
  let scores = b.node(
    'MatMul',
    [b.node('Mul', [query, b.constFloat([1 / Math.sqrt(layer.keyDim)], [], scope)], {}, scope), keyT],
    {},
    scope,
  );
  if (causal) {
    const mask = causalMask(b, scores, q.shape[1] ?? null, k.shape[1] ?? null, scope);
    scores = b.node('Where', [mask, scores, b.constFloat([MASKED], [], scope)], {}, scope);
  }
  const weights = b.node('Softmax', [scores], { axis: attr.int(-1) }, scope);
  const merged = b.transpose(b.node('MatMul', [weights, value], {}, scope), [0, 2, 1, 3], scope);
  const flat = b.node('Reshape', [merged, b.constInt64([0, 0, h * layer.valueDim], [3], scope)], {}, scope);
  return emitDense(b, layer.output!, flat);
}

function attentionOptions(layer: MultiHeadAttention | TransformerEncoder, step: Parameters<Converter>[3]): boolean {
  if (step.args['mask'] !== undefined)
    throw unsupported(layer, 'has an attention mask tensor fixed in the graph; only useCausalMask can be exported');
  if (layer.dropout > 0) assertInference(layer, step, 'attention dropout');
  return step.args['useCausalMask'] === true || (layer instanceof TransformerEncoder && layer.causal);
}

const multiHeadAttention: Converter<MultiHeadAttention> = (b, layer, inputs, step) => {
  const [q, v = q, k = v] = inputs;
  return [emitAttention(b, layer, q!, v!, k!, attentionOptions(layer, step))];
};

const layerNormalization: Converter<LayerNormalization> = (b, layer, [x]) => [
  emitLayerNorm(b, layer, x!.name, x!.shape),
];

/** The encoder block as its sublayers compute it: residuals, layer norms (pre or post), attention, feed-forward. */
const transformerEncoder: Converter<TransformerEncoder> = (b, layer, [input], step) => {
  const causal = attentionOptions(layer, step);
  const s = layer.parts!;
  const shape = input!.shape;
  const attend = (h: string) =>
    emitAttention(b, s.attention, { name: h, shape }, { name: h, shape }, { name: h, shape }, causal);
  // A gated block multiplies the activated projection by the gate projection (geglu, swiglu).
  const hidden = (h: string) =>
    s.gate
      ? b.node('Mul', [emitDense(b, s.intermediate, h), emitDense(b, s.gate, h)], {}, layer.name)
      : emitDense(b, s.intermediate, h);
  const feedForward = (h: string) => emitDense(b, s.output, hidden(h));
  const residual = (x: string, norm: LayerNormalization, f: (h: string) => string) => {
    if (layer.normFirst) return b.node('Add', [x, f(emitLayerNorm(b, norm, x, shape))], {}, layer.name);
    return emitLayerNorm(b, norm, b.node('Add', [x, f(x)], {}, layer.name), shape);
  };
  const x = residual(input!.name, s.attentionNorm, attend);
  return [residual(x, s.feedForwardNorm, feedForward)];
};

/** Converters of the normalization and attention layers, keyed by class. */
export const attentionConverters: readonly (readonly [abstract new (...args: never[]) => unknown, Converter<never>])[] =
  [
    [LayerNormalization, layerNormalization],
    [MultiHeadAttention, multiHeadAttention],
    [TransformerEncoder, transformerEncoder],
  ];
