import { type Tensor, type TensorLike, unaryFn } from '@rectify/tensor';
import { callActivation, defineActivation } from '../define.js';
import { numberOption } from '../options.js';

// The ternary skips the exponential for half of the inputs, which outweighs its mispredictions (measured). expm1
// keeps α(eˣ − 1) accurate near 0; at −∞ it gives −α.
export const eluFn = unaryFn({
  name: 'elu',
  f: (x, a) => (x > 0 ? x : a * Math.expm1(x)),
  df: (x, a) => (x > 0 ? 1 : a * Math.exp(x)),
});

export interface EluOptions {
  /** The negative saturation value is −alpha. Default 1. */
  readonly alpha?: number;
}

export const eluDefinition = defineActivation({
  name: 'elu',
  describe: 'exponential linear unit: x for x > 0, alpha·(eˣ − 1) otherwise',
  recommendedInitializer: 'heNormal',
  options: { alpha: numberOption(1) },
  properties: ({ alpha }) => ({
    range: [Math.min(-alpha, 0), Infinity],
    smooth: alpha === 1,
    monotonic: alpha >= 0,
    zeroCentred: false,
    selfNormalizing: false,
    reluFamily: true,
    elementwise: true,
  }),
  kernel: ({ alpha }) => ({ fn: eluFn, a: alpha }),
});

/**
 * Exponential linear unit: identity for positive inputs, a smooth saturation to −α for negative ones, which pulls
 * mean activations towards zero.
 *
 * Formula: f(x) = x for x > 0, α(eˣ − 1) otherwise. Derivative: f'(x) = 1 for x > 0, α·eˣ otherwise (α at 0, as
 * PyTorch). Smooth (C¹) only for α = 1. Finite for every finite input: f(−1e4) = −α.
 * @param x - any tensor.
 * @param options.alpha - default 1.
 * @returns float32, same shape as x.
 * Reference: Clevert et al. (2015); PyTorch `ELU`, Keras `elu`.
 * @example elu(tensor([-1e4, 0, 2])) // [-1, 0, 2]
 */
export function elu(x: TensorLike, options?: EluOptions): Tensor {
  return callActivation(eluDefinition, x, options);
}
