import { ShapeError } from '@rectify/tensor';
import { type Shape, fmtShape } from './shape.js';

/**
 * What a layer accepts, checked by `Layer.apply` before and after `build` (Keras `InputSpec`): a rank, a minimum
 * rank, and sizes of given axes (set in `build`, e.g. Dense's last dimension once its kernel exists).
 */
export interface InputSpec {
  readonly ndim?: number;
  readonly minNdim?: number;
  readonly maxNdim?: number;
  /** axis (negative counts from the end) → required size. */
  readonly axes?: Readonly<Record<number, number>>;
}

/** Throws a ShapeError naming the layer, what it expected and the shape it received. */
export function assertInputSpec(layer: string, spec: InputSpec, shape: Shape, index?: number): void {
  const which = index === undefined ? 'input' : `input ${index}`;
  const got = `received shape ${fmtShape(shape)}`;
  if (spec.ndim !== undefined && shape.length !== spec.ndim) {
    throw new ShapeError(`${layer}: expected ${which} of rank ${spec.ndim}, ${got}`);
  }
  if (spec.minNdim !== undefined && shape.length < spec.minNdim) {
    throw new ShapeError(`${layer}: expected ${which} of rank >= ${spec.minNdim}, ${got}`);
  }
  if (spec.maxNdim !== undefined && shape.length > spec.maxNdim) {
    throw new ShapeError(`${layer}: expected ${which} of rank <= ${spec.maxNdim}, ${got}`);
  }
  for (const [key, size] of Object.entries(spec.axes ?? {})) {
    const axis = Number(key);
    const actual = shape[axis < 0 ? shape.length + axis : axis];
    // Unknown (symbolic) dimensions are checked again when real tensors arrive.
    if (actual === null || actual === size) continue;
    const expected = axis === -1 ? `last dimension ${size}` : `size ${size} on axis ${axis}`;
    throw new ShapeError(`${layer}: expected ${which} with ${expected}, ${got}`);
  }
}
