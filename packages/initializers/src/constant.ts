import { full } from '@rectify/tensor';
import { defineInitializer } from './initializer.js';
import { finiteOption } from './options.js';

/**
 * Constant initializers: deterministic, so `apply` ignores any seed. They accept float32 and int32 dtypes.
 */

const DTYPES = ['float32', 'int32'] as const;

/**
 * Fills the weight with 0 — the usual bias initializer.
 *
 * Formula: w = 0. Parameters: none. Returns: an initializer. Reference: Keras `Zeros`.
 * @example zeros().apply([2, 3]) // → [[0, 0, 0], [0, 0, 0]]
 */
export const zeros = defineInitializer<Record<never, never>, Record<never, never>>({
  name: 'zeros',
  options: [],
  dtypes: DTYPES,
  configure: () => ({}),
  sample: (shape, _config, dtype) => full(shape, 0, dtype),
});

/**
 * Fills the weight with 1 — the usual scale (gamma) initializer of normalisation layers.
 *
 * Formula: w = 1. Parameters: none. Returns: an initializer. Reference: Keras `Ones`.
 * @example ones().apply([2]) // → [1, 1]
 */
export const ones = defineInitializer<Record<never, never>, Record<never, never>>({
  name: 'ones',
  options: [],
  dtypes: DTYPES,
  configure: () => ({}),
  sample: (shape, _config, dtype) => full(shape, 1, dtype),
});

export interface ConstantOptions {
  /** The fill value, a finite number; default 0. */
  readonly value?: number;
}

/**
 * Fills the weight with `value` (e.g. a forget-gate bias of 1, or a small positive ReLU bias).
 *
 * Formula: w = value. Parameters: `value` (default 0). Returns: an initializer. Reference: Keras `Constant`.
 * @example constant({ value: 0.1 }).apply([3]) // → [0.1, 0.1, 0.1]
 */
export const constant = defineInitializer<ConstantOptions, { readonly value: number }>({
  name: 'constant',
  options: ['value'],
  dtypes: DTYPES,
  configure: (o) => ({ value: finiteOption('constant', 'value', o.value, 0) }),
  sample: (shape, { value }, dtype) => full(shape, value, dtype),
});
