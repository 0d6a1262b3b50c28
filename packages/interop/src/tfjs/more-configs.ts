import { ValueError } from '@rectify/tensor';
import { fromTfjsInitializer, fromTfjsRegularizer, toTfjsInitializer, toTfjsRegularizer } from './keras-objects.js';
import { type LayerMapping, NO_CONSTRAINTS, channelsLast, dense, isNull, pair } from './mapping-helpers.js';

const one = (v: unknown): unknown => (typeof v === 'number' ? [v] : v);
const none: LayerMapping = { toKeras: () => ({}), fromKeras: () => ({}) };
const keep = (...keys: string[]): LayerMapping => ({
  toKeras: (c) => Object.fromEntries(keys.map((k) => [k, c[k]])),
  fromKeras: (c) => Object.fromEntries(keys.map((k) => [k, c[k]])),
});

/** Conv1D, Conv2DTranspose: Dense's activation and bias plus the window options; `tuple` widens a number. */
function conv(tuple: (v: unknown) => unknown): LayerMapping {
  return {
    toKeras: (c, n) => ({
      ...dense.toKeras({ ...c, units: undefined }, n),
      units: undefined,
      filters: c['filters'],
      kernelSize: c['kernelSize'],
      strides: c['strides'],
      padding: c['padding'],
      dataFormat: 'channelsLast',
      dilationRate: c['dilationRate'],
    }),
    fromKeras: (c, n) => ({
      ...dense.fromKeras(c, n),
      units: undefined,
      filters: c['filters'],
      kernelSize: tuple(c['kernelSize']),
      strides: tuple(c['strides'] ?? 1),
      padding: c['padding'] ?? 'valid',
      dilationRate: tuple(c['dilationRate'] ?? 1),
    }),
    inert: { ...NO_CONSTRAINTS, dataFormat: channelsLast },
  };
}

const depthwise: LayerMapping = {
  toKeras: (c, n) => ({
    ...dense.toKeras(
      {
        ...c,
        units: undefined,
        kernelInitializer: c['depthwiseInitializer'],
        kernelRegularizer: c['depthwiseRegularizer'],
      },
      n,
    ),
    units: undefined,
    kernelInitializer: undefined,
    kernelRegularizer: undefined,
    kernelConstraint: undefined,
    kernelSize: c['kernelSize'],
    strides: c['strides'],
    padding: c['padding'],
    dataFormat: 'channelsLast',
    dilationRate: c['dilationRate'],
    depthMultiplier: c['depthMultiplier'],
    depthwiseInitializer: toTfjsInitializer(n, c['depthwiseInitializer']),
    depthwiseRegularizer: toTfjsRegularizer(c['depthwiseRegularizer']),
    depthwiseConstraint: null,
  }),
  fromKeras: (c, n) => ({
    ...dense.fromKeras(c, n),
    units: undefined,
    kernelInitializer: undefined,
    kernelRegularizer: undefined,
    kernelSize: pair(c['kernelSize']),
    strides: pair(c['strides'] ?? 1),
    padding: c['padding'] ?? 'valid',
    dilationRate: pair(c['dilationRate'] ?? 1),
    depthMultiplier: c['depthMultiplier'] ?? 1,
    depthwiseInitializer: fromTfjsInitializer(
      n,
      c['depthwiseInitializer'] ?? { className: 'GlorotUniform', config: {} },
    ),
    depthwiseRegularizer: fromTfjsRegularizer(n, c['depthwiseRegularizer']),
  }),
  inert: { ...NO_CONSTRAINTS, dataFormat: channelsLast, depthwiseConstraint: isNull },
};

const separable: LayerMapping = {
  toKeras: (c, n) => ({
    ...depthwise.toKeras(c, n),
    filters: c['filters'],
    pointwiseInitializer: toTfjsInitializer(n, c['pointwiseInitializer']),
    pointwiseRegularizer: toTfjsRegularizer(c['pointwiseRegularizer']),
    pointwiseConstraint: null,
  }),
  fromKeras: (c, n) => ({
    ...depthwise.fromKeras(c, n),
    filters: c['filters'],
    pointwiseInitializer: fromTfjsInitializer(
      n,
      c['pointwiseInitializer'] ?? { className: 'GlorotUniform', config: {} },
    ),
    pointwiseRegularizer: fromTfjsRegularizer(n, c['pointwiseRegularizer']),
  }),
  inert: { ...depthwise.inert, pointwiseConstraint: isNull },
};

const pooling1d: LayerMapping = {
  toKeras: (c) => ({
    poolSize: c['poolSize'],
    strides: c['strides'],
    padding: c['padding'],
    dataFormat: 'channelsLast',
  }),
  fromKeras: (c) => ({
    poolSize: one(c['poolSize'] ?? 2),
    strides: one(c['strides'] ?? c['poolSize'] ?? 2),
    padding: c['padding'] ?? 'valid',
  }),
  inert: { dataFormat: channelsLast },
};

const globalPooling: LayerMapping = {
  ...none,
  inert: { dataFormat: channelsLast, keepdims: (v) => isNull(v) || v === false },
};

const seeded = (key: string): LayerMapping => ({
  toKeras: (c) => ({ [key]: c[key], seed: c['seed'] ?? null }),
  fromKeras: (c) => ({ [key]: c[key], seed: typeof c['seed'] === 'number' ? c['seed'] : null }),
  inert: { noiseShape: isNull },
});

const upSampling2d: LayerMapping = {
  toKeras: (c, n) => {
    if (c['interpolation'] !== 'nearest')
      throw new ValueError(
        `toTfjs: layer '${n}' (UpSampling2D) uses ${String(c['interpolation'])} interpolation; TensorFlow.js samples bilinear without half-pixel centres, so only 'nearest' means the same there`,
      );
    return { size: c['size'], interpolation: 'nearest', dataFormat: 'channelsLast' };
  },
  fromKeras: (c, n) => {
    if (c['interpolation'] === 'bilinear')
      throw new ValueError(
        `fromTfjs: layer '${n}' (UpSampling2D) uses tfjs' bilinear interpolation (corner-aligned), which Rectify's half-pixel bilinear does not reproduce`,
      );
    return { size: pair(c['size'] ?? 2), interpolation: 'nearest' };
  },
  inert: { dataFormat: channelsLast },
};

/** Every other class both sides have, by its (shared) class name. */
export const MORE_MAPPINGS: Readonly<Record<string, LayerMapping>> = {
  Conv1D: conv(one),
  Conv2DTranspose: conv(pair),
  DepthwiseConv2D: depthwise,
  SeparableConv2D: separable,
  MaxPooling1D: pooling1d,
  AveragePooling1D: pooling1d,
  GlobalMaxPooling1D: globalPooling,
  GlobalAveragePooling1D: globalPooling,
  GlobalMaxPooling2D: globalPooling,
  UpSampling2D: upSampling2d,
  ZeroPadding2D: { ...keep('padding'), inert: { dataFormat: channelsLast } },
  Cropping2D: { ...keep('cropping'), inert: { dataFormat: channelsLast } },
  RepeatVector: keep('n'),
  Permute: keep('dims'),
  Multiply: none,
  Average: none,
  Maximum: none,
  Minimum: none,
  Dot: {
    toKeras: (c) => ({ axes: c['axes'], normalize: c['normalize'] }),
    fromKeras: (c) => ({ axes: c['axes'], normalize: c['normalize'] ?? false }),
  },
  SpatialDropout1D: seeded('rate'),
  GaussianNoise: seeded('stddev'),
  GaussianDropout: seeded('rate'),
  AlphaDropout: seeded('rate'),
  ThresholdedReLU: { toKeras: (c) => ({ theta: c['theta'] }), fromKeras: (c) => ({ theta: c['theta'] ?? 1 }) },
  // tfjs' Softmax defaults to axis 1 where Keras uses -1: always written out.
  Softmax: { toKeras: (c) => ({ axis: c['axis'] }), fromKeras: (c) => ({ axis: c['axis'] ?? 1 }) },
  Rescaling: {
    toKeras: (c) => ({ scale: c['scale'], offset: c['offset'] }),
    fromKeras: (c) => ({ scale: c['scale'], offset: c['offset'] ?? 0 }),
  },
  Masking: { toKeras: (c) => ({ maskValue: c['maskValue'] }), fromKeras: (c) => ({ maskValue: c['maskValue'] ?? 0 }) },
};
