import { ShapeError, type Tensor, ValueError } from '@rectify/tensor';
import { type CallArgs, Layer } from '../../layer.js';
import { type Shape, fmtShape, isShapeList } from '../../shape.js';

/**
 * The shared part of merge layers: they take a list of at least two tensors and check their shapes.
 * @example class Multiply extends Merge { … checkShapes(shapes) { … } call(inputs) { return this.inputList(inputs).reduce((a, b) => mul(a, b)); } }
 */
export abstract class Merge extends Layer<Tensor> {
  static override readonly argNames: readonly string[] = [];
  protected override assertInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length < 2) throw new ShapeError(`${this.name}: expected a list of at least 2 inputs, received ${shapes.length}`);
    this.checkShapes(shapes);
  }

  /** Throws when the shapes cannot be merged. */
  protected abstract checkShapes(shapes: readonly Shape[]): void;

  protected inputList(inputs: Tensor | Tensor[]): Tensor[] {
    if (!Array.isArray(inputs)) throw new ValueError(`${this.name}: expected a list of at least 2 inputs, received a single tensor`);
    return inputs;
  }

  protected shapeList(inputShape: Shape | Shape[]): readonly Shape[] {
    if (!isShapeList(inputShape)) throw new ValueError(`${this.name}: expected a list of input shapes, received ${fmtShape(inputShape)}`);
    return inputShape;
  }

  abstract override call(inputs: Tensor | Tensor[], args: CallArgs): Tensor;
}

/** Two dimensions agree unless both are known and differ. */
export function dimsAgree(a: number | null | undefined, b: number | null | undefined): boolean {
  return a === null || b === null || a === b;
}
