import { type Tensor, type TensorLike, onesLike, reshape } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';

/**
 * The registry's entry for `linear`: name, aliases, options with their defaults, properties, recommended initializer
 * and kernel. `get('linear')` instantiates it; `activations.linear` is this object.
 * @example
 * ```ts
 * import { linearDefinition } from '@rectify/activations';
 * [linearDefinition.name, linearDefinition.defaults, linearDefinition.recommendedInitializer]; // → ['linear', {}, 'glorotUniform']
 * ```
 */
export const linearDefinition = defineActivation({
  name: 'linear',
  describe: 'identity: f(x) = x',
  recommendedInitializer: 'glorotUniform',
  properties: {
    range: [-Infinity, Infinity],
    smooth: true,
    monotonic: true,
    zeroCentred: true,
    selfNormalizing: false,
    reluFamily: false,
    elementwise: true,
  },
  // A zero-copy view rather than an elementwise copy: "no activation" should cost nothing. It is still recorded,
  // so autograd passes the gradient through unchanged.
  kernel: () => ({
    apply: (x: Tensor) => reshape(x, x.shape),
    derivative: (x: Tensor) => onesLike(x),
    f: (x: number) => x,
    df: () => 1,
  }),
});

/**
 * The identity activation (Keras `linear`): a layer with no non-linearity.
 *
 * Formula: f(x) = x. Derivative: f'(x) = 1.
 * @param x - any tensor.
 * @returns a new handle on the same values (no copy), same shape.
 * Reference: Keras `activations.linear`.
 * @example
 * ```ts
 * import { tensor } from '@rectify/tensor';
 * import { linear } from '@rectify/activations';
 * linear(tensor([-1, 2])); // → [-1, 2]
 * ```
 */
export function linear(x: TensorLike): Tensor {
  return callActivation(linearDefinition, x);
}
