import { ShapeError, type Tensor, add, maximum as maxOp, minimum as minOp, mul, sub } from '@rectify/tensor';
import type { CallArgs, LayerArgs } from '../../layer.js';
import type { Shape } from '../../shape.js';
import { ElementwiseMerge } from './merge.js';

/** Elementwise product of same-shaped inputs (gating). Reference: Keras `Multiply`. @example multiply().apply([tensor([1, 2]), tensor([3, 4])]) // → [3, 8] */
export class Multiply extends ElementwiseMerge {
  static override readonly className: string = 'Multiply';

  protected combine(a: Tensor, b: Tensor): Tensor {
    return mul(a, b);
  }
}

/** Elementwise maximum of same-shaped inputs. Reference: Keras `Maximum`. @example maximum().apply([tensor([1, 5]), tensor([3, 4])]) // → [3, 5] */
export class Maximum extends ElementwiseMerge {
  static override readonly className: string = 'Maximum';

  protected combine(a: Tensor, b: Tensor): Tensor {
    return maxOp(a, b);
  }
}

/** Elementwise minimum of same-shaped inputs. Reference: Keras `Minimum`. @example minimum().apply([tensor([1, 5]), tensor([3, 4])]) // → [1, 4] */
export class Minimum extends ElementwiseMerge {
  static override readonly className: string = 'Minimum';

  protected combine(a: Tensor, b: Tensor): Tensor {
    return minOp(a, b);
  }
}

/** Elementwise mean of same-shaped inputs (ensembles). Reference: Keras `Average`. @example average().apply([tensor([1]), tensor([2]), tensor([6])]) // → [3] */
export class Average extends ElementwiseMerge {
  static override readonly className: string = 'Average';

  protected combine(a: Tensor, b: Tensor): Tensor {
    return add(a, b);
  }

  override call(inputs: Tensor | Tensor[], args: CallArgs): Tensor {
    return mul(super.call(inputs, args), 1 / this.inputList(inputs).length);
  }
}

/** `a − b` of exactly two same-shaped inputs. Reference: Keras `Subtract`. @example subtract().apply([tensor([5, 1]), tensor([2, 2])]) // → [3, -1] */
export class Subtract extends ElementwiseMerge {
  static override readonly className: string = 'Subtract';

  protected override checkShapes(shapes: readonly Shape[]): void {
    if (shapes.length !== 2) throw new ShapeError(`${this.name}: expected exactly 2 inputs, received ${shapes.length}`);
    super.checkShapes(shapes);
  }

  protected combine(a: Tensor, b: Tensor): Tensor {
    return sub(a, b);
  }
}

/** Creates a {@link Multiply} layer. @example multiply().apply([tensor([2, 4]), tensor([0, 1])]) // → [0, 4] */
export function multiply(args: LayerArgs = {}): Multiply {
  return new Multiply(args);
}

/** Creates a {@link Maximum} layer. @example maximum().apply([tensor([1]), tensor([2])]) // → [2] */
export function maximum(args: LayerArgs = {}): Maximum {
  return new Maximum(args);
}

/** Creates a {@link Minimum} layer. @example minimum().apply([tensor([1]), tensor([2])]) // → [1] */
export function minimum(args: LayerArgs = {}): Minimum {
  return new Minimum(args);
}

/** Creates an {@link Average} layer. @example average().apply([tensor([1]), tensor([2])]) // → [1.5] */
export function average(args: LayerArgs = {}): Average {
  return new Average(args);
}

/** Creates a {@link Subtract} layer. @example subtract().apply([tensor([1]), tensor([2])]) // → [-1] */
export function subtract(args: LayerArgs = {}): Subtract {
  return new Subtract(args);
}
