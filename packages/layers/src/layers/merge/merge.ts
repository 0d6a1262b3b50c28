import { ShapeError, type Tensor, ValueError } from '@rectify/tensor';
import { type CallArgs, Layer } from '../../layer.js';
import { type Shape, fmtShape, isShapeList } from '../../shape.js';

/**
 * The shared part of merge layers: they take a list of at least two tensors and check their shapes.
 * @example
 * const layer = multiply(); // one of the merges
 * layer instanceof Merge; // → true
 * layer.apply([tensor([1, 2]), tensor([3, 4])]); // → [3, 8]
 */
export abstract class Merge extends Layer<Tensor> {
  static override readonly argNames: readonly string[] = [];
  protected override assertInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length < 2)
      throw new ShapeError(`${this.name}: expected a list of at least 2 inputs, received ${shapes.length}`);
    this.checkShapes(shapes);
  }

  /** Throws when the shapes cannot be merged. */
  protected abstract checkShapes(shapes: readonly Shape[]): void;

  protected inputList(inputs: Tensor | Tensor[]): Tensor[] {
    if (!Array.isArray(inputs))
      throw new ValueError(`${this.name}: expected a list of at least 2 inputs, received a single tensor`);
    return inputs;
  }

  protected shapeList(inputShape: Shape | Shape[]): readonly Shape[] {
    if (!isShapeList(inputShape))
      throw new ValueError(`${this.name}: expected a list of input shapes, received ${fmtShape(inputShape)}`);
    return inputShape;
  }

  abstract override call(inputs: Tensor | Tensor[], args: CallArgs): Tensor;
}

/**
 * Merges of same-shaped inputs combined pairwise, left to right (Add, Multiply, Maximum, Minimum, Average).
 * @example class Max extends ElementwiseMerge { protected combine(a, b) { return maximum(a, b); } }
 */
export abstract class ElementwiseMerge extends Merge {
  protected checkShapes(shapes: readonly Shape[]): void {
    const first = shapes[0]!;
    shapes.forEach((s, i) => {
      if (s.length !== first.length || s.some((d, j) => !dimsAgree(d, first[j]))) {
        throw new ShapeError(
          `${this.name}: expected inputs of equal shape, input ${i} has shape ${fmtShape(s)}, input 0 has ${fmtShape(first)}`,
        );
      }
    });
  }

  /** Combines two inputs; the merge folds it over the list. */
  protected abstract combine(a: Tensor, b: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _args: CallArgs): Tensor {
    return this.inputList(inputs).reduce((acc, x) => this.combine(acc, x));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    return shapes[0]!.map((d, j) => d ?? shapes.find((s) => s[j] !== null)?.[j] ?? null);
  }
}

/** Two dimensions agree unless both are known and differ. */
export function dimsAgree(a: number | null | undefined, b: number | null | undefined): boolean {
  return a === null || b === null || a === b;
}
