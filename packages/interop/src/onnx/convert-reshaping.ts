import {
  Cropping1D,
  Cropping2D,
  type Cropping,
  UpSampling1D,
  UpSampling2D,
  ZeroPadding1D,
  ZeroPadding2D,
  type ZeroPadding,
} from '@rectify/layers';
import { NCHW_TO_NHWC, NHWC_TO_NCHW } from './convert-conv.js';
import type { Converter } from './convert-types.js';
import { attr } from './graph-builder.js';
import type { OnnxAttribute } from './proto.js';

/** Pad with zeros: ONNX's pads list every axis's start, then every axis's end. */
const zeroPadding: Converter<ZeroPadding> = (b, layer, [x]) => {
  const starts = [0, ...layer.padding.map((p) => p[0]), 0];
  const ends = [0, ...layer.padding.map((p) => p[1]), 0];
  const pads = b.constInt64([...starts, ...ends], [starts.length * 2], layer.name);
  return [b.node('Pad', [x!.name, pads], { mode: attr.string('constant') }, layer.name)];
};

/** Slice off the edges; an end relative to the axis's end keeps unknown sizes working. */
const cropping: Converter<Cropping> = (b, layer, [x]) => {
  const axes = layer.cropping.map((_, i) => i + 1);
  const c = (v: readonly number[]) => b.constInt64(v, [v.length], layer.name);
  // An end of -0 would mean "before the first element"; an uncropped end is the largest int64 ONNX clamps.
  const ends = layer.cropping.map((p) => (p[1] === 0 ? Number.MAX_SAFE_INTEGER : -p[1]));
  return [b.node('Slice', [x!.name, c(layer.cropping.map((p) => p[0])), c(ends), c(axes)], {}, layer.name)];
};

/**
 * Resize by integer factors. Nearest repeats pixels — ONNX's asymmetric coordinates with floor rounding; bilinear
 * samples input position (i + 0.5) / s − 0.5 clamped to the edges — ONNX's half_pixel, as TensorFlow's
 * `tf.image.resize` (Keras 3) and Rectify do.
 */
function resize(
  scales: readonly number[],
  interpolation: 'nearest' | 'bilinear',
  x: string,
  b: Parameters<Converter>[0],
  scope: string,
): string {
  const modes: Record<string, OnnxAttribute> =
    interpolation === 'nearest'
      ? {
          mode: attr.string('nearest'),
          coordinate_transformation_mode: attr.string('asymmetric'),
          nearest_mode: attr.string('floor'),
        }
      : { mode: attr.string('linear'), coordinate_transformation_mode: attr.string('half_pixel') };
  return b.node('Resize', [x, '', b.constFloat(scales, [scales.length], scope)], modes, scope);
}

const upSampling2d: Converter<UpSampling2D> = (b, layer, [x]) => {
  const nchw = b.transpose(x!.name, NHWC_TO_NCHW, layer.name);
  const y = resize([1, 1, ...layer.size], layer.interpolation, nchw, b, layer.name);
  return [b.transpose(y, NCHW_TO_NHWC, layer.name)];
};

const upSampling1d: Converter<UpSampling1D> = (b, layer, [x]) => [
  resize([1, layer.size, 1], 'nearest', x!.name, b, layer.name),
];

/** Converters of the padding, cropping and up-sampling layers. */
export const reshapingConverters: readonly (readonly [abstract new (...args: never[]) => unknown, Converter<never>])[] =
  [
    [ZeroPadding1D, zeroPadding],
    [ZeroPadding2D, zeroPadding],
    [Cropping1D, cropping],
    [Cropping2D, cropping],
    [UpSampling1D, upSampling1d],
    [UpSampling2D, upSampling2d],
  ];
