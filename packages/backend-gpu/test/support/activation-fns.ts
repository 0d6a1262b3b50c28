import { type UnaryKernel, activations } from '@rectify/activations';
import type { UnaryCheck } from '@rectify/tensor/testing';

/**
 * Every built-in activation whose kernel is one scalar function, with its default options (and GELU's tanh
 * form): the functions the gpu backend must compile from their definitions with no code of its own.
 */
export function activationChecks(): UnaryCheck[] {
  const kernels = Object.values(activations).map((def) => (def.kernel as (o: unknown) => unknown)(def.defaults));
  kernels.push((activations.gelu.kernel as (o: unknown) => unknown)({ approximate: 'tanh' }));
  return kernels
    .filter((k): k is UnaryKernel => typeof k === 'object' && k !== null && 'fn' in k)
    .map((k) => ({ fn: k.fn, a: k.a ?? 0, b: k.b ?? 0 }));
}
