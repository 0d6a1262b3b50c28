import { ShapeError, type Tensor, add as addTensors } from '@rectify/tensor';
import type { CallArgs, LayerArgs } from '../../layer.js';
import { type Shape, fmtShape } from '../../shape.js';
import { Merge, dimsAgree } from './merge.js';

/**
 * Elementwise sum of a list of same-shaped inputs (residual connections).
 *
 * Shape: `[...]` × n → `[...]`. Reference: Keras `Add`.
 *
 * @example add().apply([ones([2, 3]), ones([2, 3])]); // all 2
 */
export class Add extends Merge {
  static override readonly className: string = 'Add';

  protected checkShapes(shapes: readonly Shape[]): void {
    const first = shapes[0]!;
    shapes.forEach((s, i) => {
      if (s.length !== first.length || s.some((d, j) => !dimsAgree(d, first[j]))) {
        throw new ShapeError(`${this.name}: expected inputs of equal shape, input ${i} has shape ${fmtShape(s)}, input 0 has ${fmtShape(first)}`);
      }
    });
  }

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return this.inputList(inputs).reduce((acc, x) => addTensors(acc, x));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    return shapes[0]!.map((d, j) => d ?? shapes.find((s) => s[j] !== null)?.[j] ?? null);
  }
}

/** Creates an {@link Add} layer. @example add().apply([x, residual]) */
export function add(args: LayerArgs = {}): Add {
  return new Add(args);
}
