import { ValueError } from '@rectify/tensor';
import { toSnakeCase } from './keras-case.js';
import {
  fromTfjsActivation,
  fromTfjsInitializer,
  fromTfjsRegularizer,
  toTfjsActivation,
  toTfjsInitializer,
  toTfjsRegularizer,
} from './keras-objects.js';
import {
  type Config,
  type LayerMapping,
  NO_CONSTRAINTS,
  channelsLast,
  dense,
  isNull,
  pair,
} from './mapping-helpers.js';
import { RECURRENT_MAPPINGS } from './recurrent-configs.js';
import { MORE_MAPPINGS } from './more-configs.js';

// Keras defaults where they differ from Rectify's or where a file may omit them: carried explicitly, so an omitted
// option means Keras' default, never Rectify's.
const KERAS = {
  leakyReluAlpha: 0.3,
  eluAlpha: 1,
  bnMomentum: 0.99,
  epsilon: 1e-3,
  preluInit: { className: 'Zeros', config: {} },
};

const conv2d: LayerMapping = {
  toKeras: (c, n) => {
    if (typeof c['groups'] === 'number' && c['groups'] !== 1)
      throw new ValueError(
        `toTfjs: layer '${n}' (Conv2D) has groups ${c['groups']}; TensorFlow.js' Conv2D has no groups`,
      );
    return {
      ...dense.toKeras({ ...c, units: undefined }, n),
      units: undefined,
      filters: c['filters'],
      kernelSize: c['kernelSize'],
      strides: c['strides'],
      padding: c['padding'],
      dataFormat: 'channelsLast',
      dilationRate: c['dilationRate'],
    };
  },
  fromKeras: (c, n) => ({
    ...dense.fromKeras(c, n),
    units: undefined,
    filters: c['filters'],
    kernelSize: pair(c['kernelSize']),
    strides: pair(c['strides'] ?? 1),
    padding: c['padding'] ?? 'valid',
    dilationRate: pair(c['dilationRate'] ?? 1),
  }),
  inert: { ...NO_CONSTRAINTS, dataFormat: channelsLast, groups: (v) => isNull(v) || v === 1 },
};

const pooling: LayerMapping = {
  toKeras: (c) => ({
    poolSize: c['poolSize'],
    strides: c['strides'],
    padding: c['padding'],
    dataFormat: 'channelsLast',
  }),
  fromKeras: (c) => ({
    poolSize: pair(c['poolSize'] ?? 2),
    strides: pair(c['strides'] ?? c['poolSize'] ?? 2),
    padding: c['padding'] ?? 'valid',
  }),
  inert: { dataFormat: channelsLast },
};

const none: LayerMapping = { toKeras: () => ({}), fromKeras: () => ({}) };

const batchNorm: LayerMapping = {
  toKeras: (c, n) => ({
    axis: c['axis'],
    momentum: c['momentum'],
    epsilon: c['epsilon'],
    center: c['center'],
    scale: c['scale'],
    betaInitializer: toTfjsInitializer(n, c['betaInitializer']),
    gammaInitializer: toTfjsInitializer(n, c['gammaInitializer']),
    movingMeanInitializer: toTfjsInitializer(n, c['movingMeanInitializer']),
    movingVarianceInitializer: toTfjsInitializer(n, c['movingVarianceInitializer']),
    betaRegularizer: toTfjsRegularizer(c['betaRegularizer']),
    gammaRegularizer: toTfjsRegularizer(c['gammaRegularizer']),
    betaConstraint: null,
    gammaConstraint: null,
  }),
  fromKeras: (c, n) => {
    const axis = Array.isArray(c['axis']) && c['axis'].length === 1 ? c['axis'][0] : (c['axis'] ?? -1);
    const init = (k: string, d: string) => fromTfjsInitializer(n, c[k] ?? { className: d, config: {} });
    return {
      axis,
      momentum: c['momentum'] ?? KERAS.bnMomentum,
      epsilon: c['epsilon'] ?? KERAS.epsilon,
      center: c['center'] ?? true,
      scale: c['scale'] ?? true,
      betaInitializer: init('betaInitializer', 'Zeros'),
      gammaInitializer: init('gammaInitializer', 'Ones'),
      movingMeanInitializer: init('movingMeanInitializer', 'Zeros'),
      movingVarianceInitializer: init('movingVarianceInitializer', 'Ones'),
      betaRegularizer: fromTfjsRegularizer(n, c['betaRegularizer']),
      gammaRegularizer: fromTfjsRegularizer(n, c['gammaRegularizer']),
    };
  },
  inert: { betaConstraint: isNull, gammaConstraint: isNull, renorm: (v) => isNull(v) || v === false },
};

const layerNorm: LayerMapping = {
  toKeras: (c, n) => ({
    axis: c['axis'],
    epsilon: c['epsilon'],
    center: c['center'],
    scale: c['scale'],
    betaInitializer: toTfjsInitializer(n, c['betaInitializer']),
    gammaInitializer: toTfjsInitializer(n, c['gammaInitializer']),
    betaRegularizer: toTfjsRegularizer(c['betaRegularizer']),
    gammaRegularizer: toTfjsRegularizer(c['gammaRegularizer']),
  }),
  fromKeras: (c, n) => ({
    axis: c['axis'] ?? -1,
    epsilon: c['epsilon'] ?? KERAS.epsilon,
    center: c['center'] ?? true,
    scale: c['scale'] ?? true,
    betaInitializer: fromTfjsInitializer(n, c['betaInitializer'] ?? { className: 'Zeros', config: {} }),
    gammaInitializer: fromTfjsInitializer(n, c['gammaInitializer'] ?? { className: 'Ones', config: {} }),
    betaRegularizer: fromTfjsRegularizer(n, c['betaRegularizer']),
    gammaRegularizer: fromTfjsRegularizer(n, c['gammaRegularizer']),
  }),
  inert: { betaConstraint: isNull, gammaConstraint: isNull },
};

const embedding: LayerMapping = {
  toKeras: (c, n) => ({
    inputDim: c['inputDim'],
    outputDim: c['outputDim'],
    embeddingsInitializer: toTfjsInitializer(n, c['embeddingsInitializer']),
    embeddingsRegularizer: toTfjsRegularizer(c['embeddingsRegularizer']),
    activityRegularizer: null,
    embeddingsConstraint: null,
    maskZero: c['maskZero'] ?? false,
  }),
  fromKeras: (c, n) => ({
    inputDim: c['inputDim'],
    outputDim: c['outputDim'],
    embeddingsInitializer: fromTfjsInitializer(
      n,
      c['embeddingsInitializer'] ?? { className: 'RandomUniform', config: { minval: -0.05, maxval: 0.05 } },
    ),
    embeddingsRegularizer: fromTfjsRegularizer(n, c['embeddingsRegularizer']),
    maskZero: c['maskZero'] ?? false,
  }),
  inert: { activityRegularizer: isNull, embeddingsConstraint: isNull },
};

const prelu: LayerMapping = {
  toKeras: (c, n) => ({
    alphaInitializer: toTfjsInitializer(n, c['alphaInitializer']),
    alphaRegularizer: toTfjsRegularizer(c['alphaRegularizer']),
    alphaConstraint: null,
    sharedAxes: c['sharedAxes'],
  }),
  fromKeras: (c, n) => ({
    alphaInitializer: fromTfjsInitializer(n, c['alphaInitializer'] ?? KERAS.preluInit),
    alphaRegularizer: fromTfjsRegularizer(n, c['alphaRegularizer']),
    sharedAxes: typeof c['sharedAxes'] === 'number' ? [c['sharedAxes']] : (c['sharedAxes'] ?? null),
  }),
  inert: { alphaConstraint: isNull },
};

/** Every class both sides have, by its (shared) class name. */
export const LAYER_MAPPINGS: Readonly<Record<string, LayerMapping>> = {
  Dense: dense,
  Conv2D: conv2d,
  MaxPooling2D: pooling,
  AveragePooling2D: pooling,
  GlobalAveragePooling2D: { ...none, inert: { dataFormat: channelsLast, keepdims: (v) => isNull(v) || v === false } },
  Flatten: { ...none, inert: { dataFormat: channelsLast } },
  Reshape: {
    toKeras: (c) => ({ targetShape: c['targetShape'] }),
    fromKeras: (c) => ({ targetShape: c['targetShape'] }),
  },
  Dropout: {
    toKeras: (c) => ({ rate: c['rate'], seed: c['seed'] ?? null, noiseShape: null }),
    fromKeras: (c) => ({ rate: c['rate'], seed: typeof c['seed'] === 'number' ? c['seed'] : null }),
    inert: { noiseShape: isNull },
  },
  Activation: {
    toKeras: (c, n) => ({ activation: toTfjsActivation(n, c['activation']) }),
    fromKeras: (c, n) => ({ activation: fromTfjsActivation(n, c['activation']) }),
  },
  LeakyReLU: {
    toKeras: (c) => ({ alpha: c['alpha'] }),
    fromKeras: (c) => ({ alpha: c['alpha'] ?? c['negativeSlope'] ?? KERAS.leakyReluAlpha }),
  },
  ELU: {
    toKeras: (c, n) => {
      if (c['alpha'] !== 1)
        throw new ValueError(
          `toTfjs: layer '${n}' (ELU) has alpha ${String(c['alpha'])}; TensorFlow.js' ELU layer only implements alpha 1`,
        );
      return { alpha: 1 };
    },
    fromKeras: (c) => ({ alpha: c['alpha'] ?? KERAS.eluAlpha }),
  },
  PReLU: prelu,
  BatchNormalization: batchNorm,
  LayerNormalization: layerNorm,
  Embedding: embedding,
  Add: none,
  Concatenate: { toKeras: (c) => ({ axis: c['axis'] }), fromKeras: (c) => ({ axis: c['axis'] ?? -1 }) },
  ...RECURRENT_MAPPINGS,
  ...MORE_MAPPINGS,
  Bidirectional: {
    toKeras: (c) => ({ layer: nested(c['layer'], layerToKeras), mergeMode: c['mergeMode'] }),
    fromKeras: (c) => ({
      layer: nested(c['layer'], layerFromKeras),
      mergeMode: c['mergeMode'] === undefined ? 'concat' : c['mergeMode'],
    }),
  },
};

/** A wrapped layer's `{className, config}` with its config converted the same way as a top-level layer's. */
function nested(v: unknown, convert: (className: string, c: Config) => Config): { className: string; config: Config } {
  const inner = v as { className: string; config: Config };
  return { className: inner.className, config: convert(inner.className, inner.config) };
}

/** The class names both Rectify and TensorFlow.js have (InputLayer aside). @example tfjsLayerClassNames().includes('Conv2D'); // true */
export function tfjsLayerClassNames(): string[] {
  return Object.keys(LAYER_MAPPINGS).sort();
}

function mappingFor(where: string, className: string, name: string): LayerMapping {
  const m = Object.hasOwn(LAYER_MAPPINGS, className) ? LAYER_MAPPINGS[className] : undefined;
  if (!m) {
    throw new ValueError(
      `${where}: layer '${name}' has class '${className}', which is not supported between Rectify and TensorFlow.js; supported: InputLayer, ${tfjsLayerClassNames().join(', ')}`,
    );
  }
  return m;
}

const defined = (c: Config): Config => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));

/** A Rectify layer config → tfjs's camelCase Keras config. */
export function layerToKeras(className: string, c: Config): Config {
  const name = c['name'] as string;
  const own = mappingFor('toTfjs', className, name).toKeras(c, name);
  return defined({
    ...own,
    name,
    trainable: c['trainable'] ?? true,
    dtype: 'float32',
    batchInputShape: c['batchInputShape'],
  });
}

/** tfjs's camelCase Keras config → a Rectify layer config; options Rectify cannot honour are errors naming them. */
export function layerFromKeras(className: string, c: Config): Config {
  const name = typeof c['name'] === 'string' ? c['name'] : undefined;
  if (!name) throw new ValueError(`fromTfjs: a layer of class '${className}' has no name`);
  const m = mappingFor('fromTfjs', className, name);
  for (const [key, ok] of Object.entries(m.inert ?? {})) {
    if (!ok(c[key]))
      throw new ValueError(
        `fromTfjs: layer '${name}' (${className}) sets ${toSnakeCase(key)} to ${JSON.stringify(c[key])}, which Rectify does not support`,
      );
  }
  if (c['dtype'] !== undefined && c['dtype'] !== 'float32')
    throw new ValueError(
      `fromTfjs: layer '${name}' (${className}) has dtype ${JSON.stringify(c['dtype'])}; Rectify layers compute in float32`,
    );
  return defined({
    ...m.fromKeras(c, name),
    name,
    trainable: c['trainable'] ?? true,
    dtype: 'float32',
    batchInputShape: c['batchInputShape'] ?? undefined,
  });
}
