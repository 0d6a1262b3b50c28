import {
  AveragePooling1D,
  Conv1D,
  Conv2DTranspose,
  DepthwiseConv2D,
  GlobalAveragePooling1D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  MaxPooling1D,
  type Pooling1D,
  SeparableConv2D,
} from '@rectify/layers';
import type { Variable } from '@rectify/tensor';
import { emitActivation } from './activations.js';
import { NCHW_TO_NHWC, NHWC_TO_NCHW, padAttributes, reduceMean, toOIHW } from './convert-conv.js';
import type { Converter, OnnxValue } from './convert-types.js';
import { type OnnxGraphBuilder, attr } from './graph-builder.js';

// Sequences are [batch, steps, channels]; ONNX's 1-D convolutions and pools want [batch, channels, steps].
const NTC_TO_NCT = [0, 2, 1];

/** Adds the bias (per channel, NCHW) and the activation, then returns to channels-last. */
function finish(
  b: OnnxGraphBuilder,
  layer: { name: string; bias?: Variable; activation?: Parameters<typeof emitActivation>[1] },
  y: string,
  back: readonly number[],
): string {
  return emitActivation(b, layer.activation, b.transpose(y, back, layer.name), layer.name);
}

/** Conv1D as a 1-D Conv; causal padding is (k − 1)·d zeros in front, as explicit pads. */
const conv1d: Converter<Conv1D> = (b, layer, [x]) => {
  const kernel = layer.kernel!;
  const [k, inC, outC] = kernel.shape as [number, number, number];
  const w = b.weight(kernel, kernel.name, {
    key: 'OIW',
    dims: [outC, inC, k],
    values: (v) => toOIHW(v, [1, k, inC, outC]),
  });
  const [s, d] = [layer.strides[0]!, layer.dilationRate[0]!];
  const pads =
    layer.padding === 'causal'
      ? { pads: attr.ints([(k - 1) * d, 0]) }
      : padAttributes(x!, layer.padding, [k], [s], [d]);
  const y = b.node(
    'Conv',
    [b.transpose(x!.name, NTC_TO_NCT, layer.name), w, ...(layer.bias ? [b.weight(layer.bias, layer.bias.name)] : [])],
    { kernel_shape: attr.ints([k]), strides: attr.ints([s]), dilations: attr.ints([d]), ...pads },
    layer.name,
  );
  return [finish(b, layer, y, NTC_TO_NCT)];
};

/**
 * Conv2DTranspose as ConvTranspose: TensorFlow's output size (n·s for 'same', n·s + max(k − s, 0) for 'valid')
 * from explicit pads (the odd cell at the end) and an output padding where the kernel is shorter than the stride.
 */
const conv2dTranspose: Converter<Conv2DTranspose> = (b, layer, [x]) => {
  const kernel = layer.kernel!;
  const [kh, kw, outC, inC] = kernel.shape as [number, number, number, number];
  // [kh, kw, out, in] → ONNX ConvTranspose's [in, out, kh, kw]: the same rearrangement as a Conv kernel's OIHW.
  const w = b.weight(kernel, kernel.name, {
    key: 'IOHW',
    dims: [inC, outC, kh, kw],
    values: (v) => toOIHW(v, [kh, kw, outC, inC]),
  });
  const before: number[] = [];
  const after: number[] = [];
  const outputPadding: number[] = [];
  [kh, kw].forEach((k, i) => {
    const s = layer.strides[i]!;
    const total = layer.padding === 'same' ? Math.max(k - s, 0) : 0;
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
    outputPadding.push(Math.max(s - k, 0));
  });
  const y = b.node(
    'ConvTranspose',
    [b.transpose(x!.name, NHWC_TO_NCHW, layer.name), w, ...(layer.bias ? [b.weight(layer.bias, layer.bias.name)] : [])],
    {
      kernel_shape: attr.ints([kh, kw]),
      strides: attr.ints(layer.strides),
      pads: attr.ints([...before, ...after]),
      output_padding: attr.ints(outputPadding),
    },
    layer.name,
  );
  return [finish(b, layer, y, NCHW_TO_NHWC)];
};

/** The depthwise step as a Conv with one group per input channel: kernel [kh, kw, c, m] → [c·m, 1, kh, kw]. */
function depthwise(b: OnnxGraphBuilder, layer: DepthwiseConv2D, x: OnnxValue, bias: boolean): string {
  const kernel = layer.depthwiseKernel!;
  const [kh, kw, c, m] = kernel.shape as [number, number, number, number];
  const w = b.weight(kernel, kernel.name, {
    key: 'depthwise',
    dims: [c * m, 1, kh, kw],
    // Output channel c·m + j reads input channel c with kernel [.., c, j], as TensorFlow orders them.
    values: (v) => toOIHW(v, [kh, kw, 1, c * m]),
  });
  return b.node(
    'Conv',
    [
      b.transpose(x.name, NHWC_TO_NCHW, layer.name),
      w,
      ...(bias && layer.bias ? [b.weight(layer.bias, layer.bias.name)] : []),
    ],
    {
      kernel_shape: attr.ints([kh, kw]),
      strides: attr.ints(layer.strides),
      dilations: attr.ints(layer.dilationRate),
      group: attr.int(c),
      ...padAttributes(x, layer.padding as 'valid' | 'same', [kh, kw], layer.strides, layer.dilationRate),
    },
    layer.name,
  );
}

const depthwiseConv2d: Converter<DepthwiseConv2D> = (b, layer, [x]) => [
  finish(b, layer, depthwise(b, layer, x!, true), NCHW_TO_NHWC),
];

/** SeparableConv2D: the grouped depthwise Conv, then a 1×1 Conv with the pointwise kernel and the bias. */
const separableConv2d: Converter<SeparableConv2D> = (b, layer, [x]) => {
  const mid = depthwise(b, layer, x!, false);
  const kernel = layer.pointwiseKernel!;
  const [, , inC, outC] = kernel.shape as [number, number, number, number];
  const w = b.weight(kernel, kernel.name, {
    key: 'OIHW',
    dims: [outC, inC, 1, 1],
    values: (v) => toOIHW(v, kernel.shape),
  });
  const y = b.node(
    'Conv',
    [mid, w, ...(layer.bias ? [b.weight(layer.bias, layer.bias.name)] : [])],
    { kernel_shape: attr.ints([1, 1]) },
    layer.name,
  );
  return [finish(b, layer, y, NCHW_TO_NHWC)];
};

function pool1d(op: 'MaxPool' | 'AveragePool'): Converter<Pooling1D> {
  return (b, layer, [x]) => {
    const y = b.node(
      op,
      [b.transpose(x!.name, NTC_TO_NCT, layer.name)],
      {
        kernel_shape: attr.ints(layer.poolSize),
        strides: attr.ints(layer.strides),
        ...(op === 'AveragePool' ? { count_include_pad: attr.int(0) } : {}),
        ...padAttributes(x!, layer.padding, layer.poolSize, layer.strides, [1]),
      },
      layer.name,
    );
    return [b.transpose(y, NTC_TO_NCT, layer.name)];
  };
}

/** ReduceMax over the spatial axes (`axes` an input from opset 18). */
function reduceMax(b: OnnxGraphBuilder, x: string, axes: readonly number[], scope: string): string {
  const keep = { keepdims: attr.int(0) };
  if (b.opset >= 18) return b.node('ReduceMax', [x, b.constInt64(axes, [axes.length], scope)], keep, scope);
  return b.node('ReduceMax', [x], { axes: attr.ints(axes), ...keep }, scope);
}

/** Converters of the 1-D, transposed, depthwise and separable convolutions and the 1-D and global pools. */
export const convVariantConverters: readonly (readonly [
  abstract new (...args: never[]) => unknown,
  Converter<never>,
])[] = [
  [Conv1D, conv1d],
  [Conv2DTranspose, conv2dTranspose],
  [DepthwiseConv2D, depthwiseConv2d],
  [SeparableConv2D, separableConv2d],
  [MaxPooling1D, pool1d('MaxPool')],
  [AveragePooling1D, pool1d('AveragePool')],
  [
    GlobalAveragePooling1D,
    ((b, layer, [x]) => [reduceMean(b, x!.name, [1], false, layer.name)]) as Converter<GlobalAveragePooling1D>,
  ],
  [GlobalMaxPooling1D, ((b, layer, [x]) => [reduceMax(b, x!.name, [1], layer.name)]) as Converter<GlobalMaxPooling1D>],
  [
    GlobalMaxPooling2D,
    ((b, layer, [x]) => [reduceMax(b, x!.name, [1, 2], layer.name)]) as Converter<GlobalMaxPooling2D>,
  ],
];
