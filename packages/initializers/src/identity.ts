import { ShapeError, fmtShape, tensor } from '@rectify/tensor';
import { defineInitializer } from './initializer.js';
import { finiteOption } from './options.js';

export interface IdentityOptions {
  /** The value on the diagonal; default 1. */
  readonly gain?: number;
}

/**
 * `gain` times the identity matrix, rectangular allowed (ones on the main diagonal, zeros elsewhere): a layer
 * that starts as the identity map, as in IRNN recurrent kernels. Deterministic, so `apply` ignores any seed.
 *
 * Formula: W[i][j] = gain if i = j else 0. Parameters: `gain` (1). Returns: an initializer.
 * Shape: exactly 2-D. Reference: Le et al. 2015, "A Simple Way to Initialize Recurrent Networks of Rectified
 * Linear Units"; Keras `Identity`.
 * @example identity({ gain: 2 }).apply([2, 3]) // → [[2, 0, 0], [0, 2, 0]]
 */
export const identity = defineInitializer<IdentityOptions, { readonly gain: number }>({
  name: 'identity',
  options: ['gain'],
  dtypes: ['float32', 'int32'],
  configure: (o) => ({ gain: finiteOption('identity', 'gain', o.gain, 1) }),
  sample: (shape, { gain }, dtype) => {
    if (shape.length !== 2) {
      throw new ShapeError(`identity: shape must be 2-D, received ${fmtShape(shape)} (rank ${shape.length})`);
    }
    const [rows, cols] = shape as [number, number];
    const values = new Float32Array(rows * cols);
    for (let i = 0; i < Math.min(rows, cols); i++) values[i * cols + i] = gain;
    return tensor(values, shape, dtype);
  },
});
