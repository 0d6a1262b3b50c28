import { noGrad, variable } from '@rectify/autograd';
import { ShapeError, Tensor, ValueError, type Variable, cast, fmtShape, shapesEqual } from '@rectify/tensor';
import { type InitializerIdentifier, resolveInitializer } from './identifiers.js';
import { activeWeightSource } from './weight-source.js';
import { type Regularizer, type RegularizerIdentifier, get as getRegularizer } from './regularizers.js';

export interface AddWeightOptions {
  trainable?: boolean;
  regularizer?: RegularizerIdentifier;
  dtype?: 'float32';
}

/** A layer's own weight and how it is trained. */
export interface WeightRecord {
  readonly variable: Variable;
  /** Whether the weight is trained at all (moving statistics are not), independent of `layer.trainable`. */
  readonly trainable: boolean;
  readonly regularizer: Regularizer | undefined;
}

/** Makes the variable `${layer}/${name}` from an initializer, checking the shape it returns. */
export function createWeight(
  layer: string,
  name: string,
  shape: readonly number[],
  initializer: InitializerIdentifier,
  options: AddWeightOptions,
  layerTrainable: boolean,
): WeightRecord {
  const source = activeWeightSource();
  const initial = source
    ? source(`${layer}/${name}`, shape)
    : resolveInitializer(initializer).apply(shape, { dtype: options.dtype ?? 'float32' });
  if (!shapesEqual(initial.shape, shape)) {
    initial.dispose();
    throw new ShapeError(
      `${layer}: ${source ? 'the weight source' : 'initializer'} for '${name}' returned shape ${fmtShape(initial.shape)}, expected ${fmtShape(shape)}`,
    );
  }
  const trainable = options.trainable ?? true;
  const v = variable(initial, trainable && layerTrainable, `${layer}/${name}`);
  initial.dispose();
  const regularizer = options.regularizer === undefined ? undefined : getRegularizer(options.regularizer);
  return { variable: v, trainable, regularizer };
}

/** Assigns `values` to `weights` after checking the count and every shape, so that nothing changes on error. */
export function assignWeights(
  layer: string,
  built: boolean,
  weights: readonly Variable[],
  values: readonly Tensor[],
): void {
  if (values.length !== weights.length) {
    const hint = built
      ? `(${weights.map((w) => w.name).join(', ') || 'none'})`
      : '(the layer is not built yet: call build(inputShape) or apply it first)';
    throw new ValueError(`${layer}: setWeights expected ${weights.length} weights ${hint}, received ${values.length}`);
  }
  values.forEach((t, i) => {
    const w = weights[i]!;
    if (!(t instanceof Tensor))
      throw new ValueError(`${layer}: setWeights value ${i} ('${w.name}') must be a Tensor, received ${typeof t}`);
    if (!shapesEqual(t.shape, w.shape)) {
      throw new ShapeError(
        `${layer}: setWeights value ${i} ('${w.name}') has shape ${fmtShape(t.shape)}, expected ${fmtShape(w.shape)}`,
      );
    }
  });
  noGrad(() => {
    values.forEach((t, i) => {
      const w = weights[i]!;
      const value = t.dtype === w.dtype ? t : cast(t, w.dtype);
      w.assign(value);
      if (value !== t) value.dispose();
    });
  });
}
