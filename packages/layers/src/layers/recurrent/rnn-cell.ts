import { type Tensor, ValueError, zeros } from '@rectify/tensor';
import { type CallArgs, Layer } from '../../layer.js';
import { type Shape, isShapeList } from '../../shape.js';

/**
 * A recurrent cell: one time step `[x_t, ...states] → [output, ...newStates]` (Keras' cell contract). A cell splits
 * its step into the input projection (`x·kernel + bias` for the built-in cells), which an RNN computes for all
 * time steps in one matrix product, and `step`, which adds the recurrent part; called on its own
 * (`cell.apply([x, h])`), it does both.
 *
 * @example
 * const cell = simpleRNNCell({ units: 4 });
 * const [out, h] = cell.apply([ones([2, 3]), zeros([2, 4])]); // both [2, 4]
 */
export abstract class RNNCell extends Layer<Tensor[]> {
  /** The size of each state, in order (LSTM: `[h, c]`). */
  abstract get stateSize(): number[];

  /** The size of the output of each step. */
  abstract get outputSize(): number;

  /** The part of a step that does not depend on the state, for `[n, features]` rows at once. */
  abstract project(x: Tensor): Tensor;

  /** One step from the projected input `project(x_t)`: returns `[output, ...newStates]`. */
  abstract step(projected: Tensor, states: readonly Tensor[]): Tensor[];

  /** Draws this sequence's dropout masks (training only); {@link endSequence} frees them. */
  beginSequence(_batch: number, _inputDim: number, _training: boolean): void {}

  endSequence(): void {}

  /** The inputs with this sequence's dropout mask applied: `[batch, features]`, or `[batch, time, features]`. */
  dropInputs(x: Tensor): Tensor {
    return x;
  }

  /** Zero states for a batch. */
  zeroStates(batch: number): Tensor[] {
    return this.stateSize.map((n) => zeros([batch, n]));
  }

  /** `[x, ...states]` (missing states start at zero) → `[output, ...newStates]`. */
  call(inputs: Tensor | Tensor[], { training = false }: CallArgs): Tensor[] {
    const [x, ...given] = Array.isArray(inputs) ? inputs : [inputs];
    const states = given.length > 0 ? given : this.zeroStates(x!.shape[0]!);
    if (states.length !== this.stateSize.length) {
      throw new ValueError(
        `${this.name}: expected ${this.stateSize.length} state tensor(s), received ${states.length}`,
      );
    }
    this.beginSequence(x!.shape[0]!, x!.shape[1]!, training);
    try {
      return this.step(this.project(this.dropInputs(x!)), states);
    } finally {
      this.endSequence();
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const batch = (isShapeList(inputShape) ? inputShape[0]! : inputShape)[0] ?? null;
    return [[batch, this.outputSize], ...this.stateSize.map((n) => [batch, n])];
  }

  override dispose(): void {
    this.endSequence();
    super.dispose();
  }
}
