import { engine } from '../engine.js';
import { DTypeError, ShapeError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';

/**
 * The pointwise part of a GRU step in Keras' `resetAfter` form with its default activations, in one kernel: from
 * the input part `zx = x·W + b_x` and the recurrent part `zh = h·U + b_h` (both `[batch, 3·units]`, gates z, r, h)
 * and the previous state `h` (`[batch, units]`), `z = σ(zx_z + zh_z)`, `r = σ(zx_r + zh_r)`,
 * `h̃ = tanh(zx_h + r·zh_h)` and `h' = z·h + (1 − z)·h̃`. Differentiable in all three.
 * @example
 * gruPointwise(tensor([[0, 0, 0]]), tensor([[0, 0, 0]]), tensor([[1]])); // → [[0.5]]
 */
export function gruPointwise(zx: TensorLike, zh: TensorLike, h: TensorLike): Tensor {
  const tx = toTensor(zx, 'zx', 'gruPointwise');
  const th = toTensor(zh, 'zh', 'gruPointwise');
  const tp = toTensor(h, 'h', 'gruPointwise');
  if (tx.dtype !== 'float32' || th.dtype !== 'float32' || tp.dtype !== 'float32') {
    throw new DTypeError(
      `gruPointwise: zx, zh and h must be float32, received ${tx.dtype}, ${th.dtype} and ${tp.dtype}`,
    );
  }
  const [batch, units] = tp.shape;
  const fits = (t: Tensor) => t.rank === 2 && t.shape[0] === batch && t.shape[1] === 3 * units!;
  if (tp.rank !== 2 || !fits(tx) || !fits(th)) {
    throw new ShapeError(
      `gruPointwise: expected zx and zh [batch, 3·units] and h [batch, units], received zx ${fmtShape(tx.shape)}, zh ${fmtShape(th.shape)} and h ${fmtShape(tp.shape)}`,
    );
  }
  return engine.runKernel('gruCell', [tx, th, tp], {});
}
