export { generate, type GenerateOptions, type TokenModel } from './generate.js';
export { sampleToken, type SampleOptions } from './sample.js';
