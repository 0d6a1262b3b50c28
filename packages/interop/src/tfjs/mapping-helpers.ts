// The shape of a layer-config mapping between Rectify and tfjs, and the pieces mappings share.
import {
  fromTfjsActivation,
  fromTfjsInitializer,
  fromTfjsRegularizer,
  toTfjsActivation,
  toTfjsInitializer,
  toTfjsRegularizer,
} from './keras-objects.js';

/** A layer config in tfjs's camelCase Keras form or Rectify's. */
export type Config = Record<string, unknown>;

/** How one layer class's own options map between Rectify's config and tfjs's (camelCase) Keras config. */
export interface LayerMapping {
  toKeras(c: Config, name: string): Config;
  fromKeras(c: Config, name: string): Config;
  /** Keras options Rectify lacks: accepted only at the value that changes nothing. */
  readonly inert?: Readonly<Record<string, (v: unknown) => boolean>>;
}

export const isNull = (v: unknown): boolean => v === null || v === undefined;
export const channelsLast = (v: unknown): boolean => isNull(v) || v === 'channelsLast';
export const pair = (v: unknown): unknown => (typeof v === 'number' ? [v, v] : v);
export const NO_CONSTRAINTS = { kernelConstraint: isNull, biasConstraint: isNull, activityRegularizer: isNull };

/** Dense's options; convolutions reuse its activation, bias and kernel parts. */
export const dense: LayerMapping = {
  toKeras: (c, n) => ({
    units: c['units'],
    activation: toTfjsActivation(n, c['activation']),
    useBias: c['useBias'],
    kernelInitializer: toTfjsInitializer(n, c['kernelInitializer']),
    biasInitializer: toTfjsInitializer(n, c['biasInitializer']),
    kernelRegularizer: toTfjsRegularizer(c['kernelRegularizer']),
    biasRegularizer: toTfjsRegularizer(c['biasRegularizer']),
    activityRegularizer: null,
    kernelConstraint: null,
    biasConstraint: null,
  }),
  fromKeras: (c, n) => ({
    units: c['units'],
    activation: fromTfjsActivation(n, c['activation']),
    useBias: c['useBias'] ?? true,
    kernelInitializer: fromTfjsInitializer(n, c['kernelInitializer'] ?? { className: 'GlorotUniform', config: {} }),
    biasInitializer: fromTfjsInitializer(n, c['biasInitializer'] ?? { className: 'Zeros', config: {} }),
    kernelRegularizer: fromTfjsRegularizer(n, c['kernelRegularizer']),
    biasRegularizer: fromTfjsRegularizer(n, c['biasRegularizer']),
  }),
  inert: NO_CONSTRAINTS,
};
