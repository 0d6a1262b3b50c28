import { engine } from '../engine.js';
import { DTypeError, ShapeError, fmtShape } from '../errors.js';
import type { UnaryFn } from '../scalar-fn.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';

/**
 * `fn.f(z + bias, a, b)` with `bias` added along the last axis, in one kernel: the epilogue of a dense layer, equal
 * to `mapUnary(add(z, bias), fn, a, b)` without the intermediate sum. Differentiable in both `z` and `bias`.
 * @example
 * biasActivation(tensor([[-1, 2], [3, -4]]), tensor([0.5, 0.5]), mathFns.squareFn); // → [[0.25, 6.25], [12.25, 12.25]]
 */
export function biasActivation(z: TensorLike, bias: TensorLike, fn: UnaryFn, a = 0, b = 0): Tensor {
  const tz = toTensor(z, 'z', 'biasActivation');
  const tb = toTensor(bias, 'bias', 'biasActivation');
  if (tz.dtype !== 'float32' || tb.dtype !== 'float32') {
    throw new DTypeError(`biasActivation: z and bias must be float32, received ${tz.dtype} and ${tb.dtype}`);
  }
  const units = tz.shape[tz.rank - 1];
  if (units === undefined)
    throw new ShapeError(`biasActivation: z must have rank >= 1 [..., units], received ${fmtShape(tz.shape)}`);
  if (tb.rank !== 1 || tb.shape[0] !== units) {
    throw new ShapeError(
      `biasActivation: bias must have shape [${units}] to match z ${fmtShape(tz.shape)}, received ${fmtShape(tb.shape)}`,
    );
  }
  return engine.runKernel('biasActivation', [tz, tb], { fn, a, b });
}
