/**
 * `x.variable(trainable?, name?, dtype?)`, TensorFlow.js's Tensor method, added through @rectify/tensor's
 * `extendTensor` by the package that owns variables.
 */
import { type MethodsOf, extendTensor } from '@rectify/tensor';
import { variable } from './variable.js';

export const autogradMethods = { variable };

extendTensor(autogradMethods);

declare module '@rectify/tensor' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface TensorExtensions extends MethodsOf<typeof autogradMethods> {}
}
