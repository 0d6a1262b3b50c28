/**
 * The activations TensorFlow.js offers as Tensor methods (`x.relu()`, `x.leakyRelu(0.2)` …), added to Tensor
 * through @rectify/tensor's one mechanism, `extendTensor`. Each method is the activation function itself.
 * (sigmoid, tanh, softplus, softmax and logSoftmax are methods of @rectify/tensor already.)
 */
import { type MethodsOf, extendTensor } from '@rectify/tensor';
import { elu, leakyRelu, prelu, relu, relu6, selu } from './catalogue/index.js';

/**
 * The Tensor methods this package adds (`x.relu()`, `x.leakyRelu(0.2)` …), each the activation function itself;
 * importing the package installs them.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { activationMethods } from '@rectify/activations';
 * [Object.keys(activationMethods), tensor([-1, 2]).relu()]; // → [[ 'relu', 'relu6', 'elu', 'selu', 'leakyRelu', 'prelu' ], [0, 2]]
 * ```
 */
export const activationMethods = { relu, relu6, elu, selu, leakyRelu, prelu };

extendTensor(activationMethods);

declare module '@rectify/tensor' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface TensorExtensions extends MethodsOf<typeof activationMethods> {}
}
