import {
  ActivationLayer,
  Add,
  Concatenate,
  Dense,
  Dropout,
  ELU,
  Embedding,
  Flatten,
  LeakyReLU,
  PReLU,
  Reshape,
} from '@rectify/layers';
import { emitActivation } from './activations.js';
import { type Converter, assertInference, positiveAxis, unsupported } from './convert-types.js';
import { type OnnxGraphBuilder, attr } from './graph-builder.js';

/** `activation(x · kernel + bias)` over the last axis (MatMul broadcasts over leading axes). */
export function emitDense(b: OnnxGraphBuilder, layer: Dense, x: string): string {
  let y = b.node('MatMul', [x, b.weight(layer.kernel!, layer.kernel!.name)], {}, layer.name);
  if (layer.bias) y = b.node('Add', [y, b.weight(layer.bias, layer.bias.name)], {}, layer.name);
  return emitActivation(b, layer.activation, y, layer.name);
}

const dense: Converter<Dense> = (b, layer, [x]) => [emitDense(b, layer, x!.name)];

const activationLayer: Converter<ActivationLayer | ELU | LeakyReLU> = (b, layer, [x]) => [
  emitActivation(b, layer.activation, x!.name, layer.name),
];

// PRelu broadcasts the slope from the right; alpha's shape is the input's without the batch axis.
const prelu: Converter<PReLU> = (b, layer, [x]) => [
  b.node('PRelu', [x!.name, b.weight(layer.alpha!, layer.alpha!.name)], {}, layer.name),
];

const dropout: Converter<Dropout> = (_b, layer, [x], step) => {
  if (layer.rate > 0) assertInference(layer, step, 'Monte Carlo dropout');
  return [x!.name];
};

const flatten: Converter<Flatten> = (b, layer, [x]) => [
  b.node('Flatten', [x!.name], { axis: attr.int(1) }, layer.name),
];

// 0 copies the batch size from the input; -1 is inferred, as in Rectify.
const reshape: Converter<Reshape> = (b, layer, [x]) => {
  const shape = b.constInt64([0, ...layer.targetShape], [layer.targetShape.length + 1], layer.name);
  return [b.node('Reshape', [x!.name, shape], {}, layer.name)];
};

const embedding: Converter<Embedding> = (b, layer, [x], step) => {
  const indices =
    step.inputs[0]!.dtype === 'int32' ? x!.name : b.node('Cast', [x!.name], { to: attr.int(6) }, layer.name);
  return [
    b.node('Gather', [b.weight(layer.embeddings!, layer.embeddings!.name), indices], { axis: attr.int(0) }, layer.name),
  ];
};

const add: Converter<Add> = (b, layer, xs) => [
  xs.slice(1).reduce((acc, x) => b.node('Add', [acc, x.name], {}, layer.name), xs[0]!.name),
];

const concatenate: Converter<Concatenate> = (b, layer, xs) => {
  const axis = positiveAxis(layer.axis, xs[0]!.shape.length);
  if (axis < 0) throw unsupported(layer, `has axis ${layer.axis}, outside the input rank ${xs[0]!.shape.length}`);
  return [
    b.node(
      'Concat',
      xs.map((x) => x.name),
      { axis: attr.int(axis) },
      layer.name,
    ),
  ];
};

/** Converters of the core layers, keyed by class. */
export const coreConverters: readonly (readonly [abstract new (...args: never[]) => unknown, Converter<never>])[] = [
  [Dense, dense],
  [ActivationLayer, activationLayer],
  [ELU, activationLayer],
  [LeakyReLU, activationLayer],
  [PReLU, prelu],
  [Dropout, dropout],
  [Flatten, flatten],
  [Reshape, reshape],
  [Embedding, embedding],
  [Add, add],
  [Concatenate, concatenate],
];
