import { ValueError } from '@rectify/tensor';
import {
  fromTfjsActivation,
  fromTfjsInitializer,
  fromTfjsRegularizer,
  toTfjsActivation,
  toTfjsInitializer,
  toTfjsRegularizer,
} from './keras-objects.js';
import { type Config, type LayerMapping, isNull } from './mapping-helpers.js';

const init = (n: string, c: Config, key: string, className: string) =>
  fromTfjsInitializer(n, c[key] ?? { className, config: {} });

/** The options SimpleRNN, LSTM and GRU share (their cell's and the loop's), Keras names. */
function recurrent(
  extra: { toKeras?: (c: Config, n: string) => Config; fromKeras?: (c: Config, n: string) => Config } = {},
): LayerMapping {
  return {
    toKeras: (c, n) => ({
      units: c['units'],
      activation: toTfjsActivation(n, c['activation']),
      useBias: c['useBias'],
      ...('recurrentActivation' in c && { recurrentActivation: toTfjsActivation(n, c['recurrentActivation']) }),
      kernelInitializer: toTfjsInitializer(n, c['kernelInitializer']),
      recurrentInitializer: toTfjsInitializer(n, c['recurrentInitializer']),
      biasInitializer: toTfjsInitializer(n, c['biasInitializer']),
      kernelRegularizer: toTfjsRegularizer(c['kernelRegularizer']),
      recurrentRegularizer: toTfjsRegularizer(c['recurrentRegularizer']),
      biasRegularizer: toTfjsRegularizer(c['biasRegularizer']),
      activityRegularizer: null,
      kernelConstraint: null,
      recurrentConstraint: null,
      biasConstraint: null,
      dropout: c['dropout'],
      recurrentDropout: c['recurrentDropout'],
      returnSequences: c['returnSequences'],
      returnState: c['returnState'],
      goBackwards: c['goBackwards'],
      stateful: c['stateful'],
      unroll: false,
      ...extra.toKeras?.(c, n),
    }),
    fromKeras: (c, n) => ({
      units: c['units'],
      activation: fromTfjsActivation(n, c['activation'] ?? 'tanh'),
      useBias: c['useBias'] ?? true,
      kernelInitializer: init(n, c, 'kernelInitializer', 'GlorotUniform'),
      recurrentInitializer: init(n, c, 'recurrentInitializer', 'Orthogonal'),
      biasInitializer: init(n, c, 'biasInitializer', 'Zeros'),
      kernelRegularizer: fromTfjsRegularizer(n, c['kernelRegularizer']),
      recurrentRegularizer: fromTfjsRegularizer(n, c['recurrentRegularizer']),
      biasRegularizer: fromTfjsRegularizer(n, c['biasRegularizer']),
      dropout: c['dropout'] ?? 0,
      recurrentDropout: c['recurrentDropout'] ?? 0,
      returnSequences: c['returnSequences'] ?? false,
      returnState: c['returnState'] ?? false,
      goBackwards: c['goBackwards'] ?? false,
      stateful: c['stateful'] ?? false,
      ...extra.fromKeras?.(c, n),
    }),
    // unroll and implementation change how the loop runs, not what it computes.
    inert: {
      activityRegularizer: isNull,
      kernelConstraint: isNull,
      recurrentConstraint: isNull,
      biasConstraint: isNull,
      unroll: () => true,
      implementation: () => true,
    },
  };
}

// A file that omits the gate activation means the writer's default: Keras 2 and tfjs use hard_sigmoid.
const gates = (c: Config, n: string): Config => ({
  recurrentActivation: fromTfjsActivation(n, c['recurrentActivation'] ?? 'hardSigmoid'),
});

const lstm = recurrent({
  toKeras: (c) => ({ unitForgetBias: c['unitForgetBias'], implementation: 1 }),
  fromKeras: (c, n) => ({ ...gates(c, n), unitForgetBias: c['unitForgetBias'] === true }),
});

const gru = recurrent({
  toKeras: (c, n) => {
    if (c['resetAfter'] === true)
      throw new ValueError(
        `toTfjs: layer '${n}' (GRU) has resetAfter true (Keras 3's default); TensorFlow.js' GRU only implements resetAfter false`,
      );
    return { implementation: 1 };
  },
  fromKeras: (c, n) => ({ ...gates(c, n), resetAfter: c['resetAfter'] === true }),
});

/** The recurrent layers both sides have. Weights are named `layer/kernel` as tfjs names them. */
export const RECURRENT_MAPPINGS: Readonly<Record<string, LayerMapping>> = {
  SimpleRNN: recurrent(),
  LSTM: lstm,
  GRU: gru,
};
