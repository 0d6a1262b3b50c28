import {
  AveragePooling2D,
  BatchNormalization,
  Conv2D,
  GlobalAveragePooling2D,
  MaxPooling2D,
  type Pooling2D,
} from '@rectify/layers';
import type { OnnxAttribute } from './proto.js';
import { emitActivation, isElementwise } from './activations.js';
import { type Converter, type OnnxValue, assertInference, positiveAxis, unsupported } from './convert-types.js';
import { type OnnxGraphBuilder, attr } from './graph-builder.js';

// ONNX convolutions and pools are NCHW; Rectify is NHWC. Each block is wrapped in a pair of Transposes, and the
// builder cancels the pairs between consecutive blocks.
export const NHWC_TO_NCHW = [0, 3, 1, 2];
export const NCHW_TO_NHWC = [0, 2, 3, 1];

/** [kh, kw, in, out] (Rectify, TensorFlow) → [out, in, kh, kw] (ONNX). */
export function toOIHW(src: Float32Array, [kh, kw, inC, outC]: readonly number[]): Float32Array {
  const dst = new Float32Array(src.length);
  for (let y = 0; y < kh!; y++) {
    for (let x = 0; x < kw!; x++) {
      for (let i = 0; i < inC!; i++) {
        for (let o = 0; o < outC!; o++)
          dst[((o * inC! + i) * kh! + y) * kw! + x] = src[((y * kw! + x) * inC! + i) * outC! + o]!;
      }
    }
  }
  return dst;
}

/**
 * The padding attributes for a window: none for 'valid'; for 'same', TensorFlow's split (the odd cell at the end)
 * as explicit pads when the spatial size is known, else ONNX's SAME_UPPER, which splits the same way.
 */
export function padAttributes(
  x: OnnxValue,
  padding: 'valid' | 'same',
  kernel: readonly number[],
  strides: readonly number[],
  dilations: readonly number[],
): Record<string, OnnxAttribute> {
  if (padding === 'valid') return {};
  const sizes = kernel.map((_, i) => x.shape[i + 1] ?? null);
  if (sizes.some((s) => s === null)) return { auto_pad: attr.string('SAME_UPPER') };
  const before: number[] = [];
  const after: number[] = [];
  sizes.forEach((size, i) => {
    const out = Math.ceil(size! / strides[i]!);
    const total = Math.max((out - 1) * strides[i]! + (kernel[i]! - 1) * dilations[i]! + 1 - size!, 0);
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
  });
  return { pads: attr.ints([...before, ...after]) };
}

const conv2d: Converter<Conv2D> = (b, layer, [x]) => {
  const kernel = layer.kernel!;
  const [kh, kw, inC, outC] = kernel.shape as [number, number, number, number];
  const w = b.weight(kernel, kernel.name, {
    key: 'OIHW',
    dims: [outC, inC, kh, kw],
    values: (v) => toOIHW(v, kernel.shape),
  });
  const inputs = [
    b.transpose(x!.name, NHWC_TO_NCHW, layer.name),
    w,
    ...(layer.bias ? [b.weight(layer.bias, layer.bias.name)] : []),
  ];
  let y = b.node(
    'Conv',
    inputs,
    {
      kernel_shape: attr.ints([kh, kw]),
      strides: attr.ints(layer.strides),
      dilations: attr.ints(layer.dilationRate),
      // Grouped: the kernel's `in` is channels / groups and each group's filters are contiguous, as in ONNX.
      ...(layer.groups > 1 ? { group: attr.int(layer.groups) } : {}),
      ...padAttributes(x!, layer.padding, [kh, kw], layer.strides, layer.dilationRate),
    },
    layer.name,
  );
  // Elementwise activations run before transposing back, so that conv → relu → conv needs no Transpose between.
  if (isElementwise(layer.activation))
    return [b.transpose(emitActivation(b, layer.activation, y, layer.name), NCHW_TO_NHWC, layer.name)];
  y = b.transpose(y, NCHW_TO_NHWC, layer.name);
  return [emitActivation(b, layer.activation, y, layer.name)];
};

function pool(op: 'MaxPool' | 'AveragePool'): Converter<Pooling2D> {
  return (b, layer, [x]) => {
    const y = b.node(
      op,
      [b.transpose(x!.name, NHWC_TO_NCHW, layer.name)],
      {
        kernel_shape: attr.ints(layer.poolSize),
        strides: attr.ints(layer.strides),
        // Windows average over real cells only, as TensorFlow and Rectify do.
        ...(op === 'AveragePool' ? { count_include_pad: attr.int(0) } : {}),
        ...padAttributes(x!, layer.padding, layer.poolSize, layer.strides, [1, 1]),
      },
      layer.name,
    );
    return [b.transpose(y, NCHW_TO_NHWC, layer.name)];
  };
}

/** ReduceMean: `axes` is an attribute up to opset 17 and an input from opset 18. */
export function reduceMean(
  b: OnnxGraphBuilder,
  x: string,
  axes: readonly number[],
  keepdims: boolean,
  scope: string,
): string {
  const keep = { keepdims: attr.int(keepdims ? 1 : 0) };
  if (b.opset >= 18) return b.node('ReduceMean', [x, b.constInt64(axes, [axes.length], scope)], keep, scope);
  return b.node('ReduceMean', [x], { axes: attr.ints(axes), ...keep }, scope);
}

const globalAveragePooling2d: Converter<GlobalAveragePooling2D> = (b, layer, [x]) => [
  reduceMean(b, x!.name, [1, 2], false, layer.name),
];

/** Inference form: ONNX BatchNormalization normalizes axis 1, so other feature axes are transposed there and back. */
const batchNormalization: Converter<BatchNormalization> = (b, layer, [x], step) => {
  if (layer.trainable) assertInference(layer, step, 'batch statistics');
  const rank = x!.shape.length;
  const axis = positiveAxis(layer.axis, rank);
  if (axis <= 0 || axis >= rank)
    throw unsupported(
      layer,
      `normalizes axis ${layer.axis} of a rank-${rank} input; ONNX needs a feature axis after the batch axis`,
    );
  const c = x!.shape[axis] as number;
  const param = (v: typeof layer.gamma, fill: number, what: string) =>
    v ? b.weight(v, v.name) : b.constFloat(new Array<number>(c).fill(fill), [c], `${layer.name}/${what}`);
  const inputs = [
    param(layer.gamma, 1, 'gamma'),
    param(layer.beta, 0, 'beta'),
    b.weight(layer.movingMean!, layer.movingMean!.name),
    b.weight(layer.movingVariance!, layer.movingVariance!.name),
  ];
  const perm = [0, axis, ...Array.from({ length: rank }, (_, i) => i).filter((i) => i !== 0 && i !== axis)];
  const inverse = perm.map((_, i) => perm.indexOf(i));
  const moved = axis === 1 ? x!.name : b.transpose(x!.name, perm, layer.name);
  const y = b.node('BatchNormalization', [moved, ...inputs], { epsilon: attr.float(layer.epsilon) }, layer.name);
  return [axis === 1 ? y : b.transpose(y, inverse, layer.name)];
};

/** Converters of the convolution, pooling and batch-normalization layers, keyed by class. */
export const convConverters: readonly (readonly [abstract new (...args: never[]) => unknown, Converter<never>])[] = [
  [Conv2D, conv2d],
  [MaxPooling2D, pool('MaxPool')],
  [AveragePooling2D, pool('AveragePool')],
  [GlobalAveragePooling2D, globalAveragePooling2d],
  [BatchNormalization, batchNormalization],
];
