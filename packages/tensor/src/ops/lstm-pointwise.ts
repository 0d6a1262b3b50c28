import { engine } from '../engine.js';
import { DTypeError, ShapeError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';

/**
 * The pointwise part of an LSTM step with Keras' default activations, in two kernels instead of a dozen ops: from
 * the gate pre-activations `z = x·W + h·U + b` (`[batch, 4·units]`, gates in Keras order i, f, g, o) and the previous
 * cell state `c` (`[batch, units]`), `c' = σ(z_f)·c + σ(z_i)·tanh(z_g)` and `h' = σ(z_o)·tanh(c')`. Returns
 * `[h', c']`; differentiable in `z` and `c`.
 * @example
 * const [h, c] = lstmPointwise(tensor([[0, 0, 0, 0]]), tensor([[1]]));
 * c; // → [[0.5]]
 */
export function lstmPointwise(z: TensorLike, c: TensorLike): [h: Tensor, c: Tensor] {
  const tz = toTensor(z, 'z', 'lstmPointwise');
  const tc = toTensor(c, 'c', 'lstmPointwise');
  if (tz.dtype !== 'float32' || tc.dtype !== 'float32')
    throw new DTypeError(`lstmPointwise: z and c must be float32, received ${tz.dtype} and ${tc.dtype}`);
  const [batch, units] = tc.shape;
  if (tc.rank !== 2 || tz.rank !== 2 || tz.shape[0] !== batch || tz.shape[1] !== 4 * units!) {
    throw new ShapeError(
      `lstmPointwise: expected z [batch, 4·units] and c [batch, units], received z ${fmtShape(tz.shape)} and c ${fmtShape(tc.shape)}`,
    );
  }
  const next = engine.runKernel('lstmCell', [tz, tc], { part: 'state' });
  return [engine.runKernel('lstmCell', [tz, next], { part: 'hidden' }), next];
}
