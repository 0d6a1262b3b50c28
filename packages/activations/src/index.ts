/**
 * @rectify/activations — every activation as one definition (name, options, forward, exact derivative, properties,
 * recommended initializer), a registry derived from them, tensor functions, and diagnostics.
 */
export * from './catalogue/index.js';
export {
  activations,
  get,
  list,
  register,
  type ActivationName,
  type ActivationIdentifier,
  type PerActivation,
} from './registry.js';
export { Activation, isActivation, type ActivationConfig } from './activation.js';
export { defineActivation, isActivationDefinition } from './define.js';
export {
  numberOption,
  integerOption,
  choiceOption,
  type NumberOption,
  type IntegerOption,
  type ChoiceOption,
  type OptionSpec,
  type OptionSpecs,
  type OptionValues,
} from './options.js';
export type {
  ActivationDefinition,
  ActivationKernel,
  ActivationProperties,
  ActivationSpec,
  CompositeKernel,
  InitializerName,
  UnaryKernel,
} from './types.js';
export { activationMethods } from './tensor-methods.js';
export { activationStats, type ActivationStats, type ActivationStatsOptions } from './diagnostics/activation-stats.js';
