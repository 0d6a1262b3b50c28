import { type Seed, ShapeError, fmtShape, keyFor, tensor, zeros } from '@rectify/tensor';
import { orthonormalQ } from './householder-qr.js';
import { defineInitializer } from './initializer.js';
import { finiteOption, seedOption } from './options.js';

export interface OrthogonalOptions {
  /** Multiplies the orthogonal matrix; default 1. */
  readonly gain?: number;
  readonly seed?: Seed;
}

interface OrthogonalConfig {
  readonly gain: number;
  readonly seed: Seed | undefined;
}

/**
 * A (semi-)orthogonal matrix times `gain`, which keeps the norm of signals and gradients exactly through a linear
 * layer — useful for recurrent kernels and very deep networks. Like Keras, every axis but the last is flattened:
 * a weight of shape [...rest, cols] is treated as a rows×cols matrix, rows = Π rest. Its columns are orthonormal
 * when rows >= cols, its rows when rows < cols.
 *
 * How: draw a Gaussian matrix A of shape [max(rows, cols), min(rows, cols)] (row-major, from `keyFor(seed)`),
 * take Q of A = QR in float64 with R's diagonal made non-negative, transpose Q when rows < cols, scale by `gain`.
 *
 * Formula: W = gain · Q. Parameters: `gain` (1), `seed`. Returns: an initializer.
 * Shape: rank >= 2. Reference: Saxe et al. 2014, "Exact solutions to the nonlinear dynamics of learning in deep
 * linear neural networks"; Keras `Orthogonal`; PyTorch `nn.init.orthogonal_`.
 * @example orthogonal({ gain: 1, seed: 7 }).apply([64, 64]) // Wᵀ·W = I
 */
export const orthogonal = defineInitializer<OrthogonalOptions, OrthogonalConfig>({
  name: 'orthogonal',
  options: ['gain', 'seed'],
  dtypes: ['float32'],
  configure: (o) => ({ gain: finiteOption('orthogonal', 'gain', o.gain, 1), seed: seedOption('orthogonal', o.seed) }),
  sample: (shape, { gain }, dtype, seed) => {
    if (shape.length < 2) {
      throw new ShapeError(`orthogonal: shape must have rank >= 2, received ${fmtShape(shape)} (rank ${shape.length})`);
    }
    const cols = shape[shape.length - 1]!;
    const rows = shape.slice(0, -1).reduce((p, d) => p * d, 1);
    if (rows * cols === 0) return zeros(shape, dtype);
    const tall = Math.max(rows, cols);
    const thin = Math.min(rows, cols);
    const q = orthonormalQ(keyFor(seed).normal(tall * thin), tall, thin);
    const out = new Float32Array(rows * cols);
    if (rows >= cols) {
      for (let i = 0; i < q.length; i++) out[i] = gain * q[i]!;
    } else {
      // q is cols×rows; the weight is its transpose.
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = gain * q[c * rows + r]!;
    }
    return tensor(out, shape, dtype);
  },
});
