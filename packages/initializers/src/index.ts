export {
  type ApplyOptions,
  type Initializer,
  type InitializerConfig,
  type InitializerFactory,
  type InitializerSpec,
  defineInitializer,
  isInitializer,
  isInitializerFactory,
} from './initializer.js';
export { computeFans, type Fans } from './fans.js';
export { zeros, ones, constant, type ConstantOptions } from './constant.js';
export { randomNormal, randomUniform, truncatedNormal, type NormalOptions, type UniformOptions } from './random.js';
export { varianceScaling, type VarianceScalingOptions, type FanMode, type Distribution } from './variance-scaling.js';
export {
  heNormal,
  heUniform,
  glorotNormal,
  glorotUniform,
  lecunNormal,
  lecunUniform,
  leCunNormal,
  leCunUniform,
  type SeedOptions,
} from './presets.js';
export { orthogonal, type OrthogonalOptions } from './orthogonal.js';
export { identity, type IdentityOptions } from './identity.js';
export { get, list, register, type InitializerName, type InitializerIdentifier } from './registry.js';
