import {
  type Tensor,
  type TensorLike,
  ShapeError,
  cast,
  expandDims,
  fmtShape,
  mean,
  mul,
  reshape,
  shapesEqual,
  squeeze,
  toTensor,
} from '@rectify/tensor';

/**
 * A loss is a function of (yTrue, yPred) returning the scalar mean over the batch (Keras' "sum over batch size"
 * reduction), carrying its name and config and a `perSample` form that returns one value per example.
 */
export interface Loss {
  (yTrue: TensorLike, yPred: Tensor, sampleWeight?: TensorLike): Tensor;
  /** The canonical name, e.g. 'categoricalCrossentropy'; the registry finds the factory by it. */
  readonly name: string;
  /** Whether yPred holds logits (the loss then applies sigmoid/softmax itself, stably). */
  readonly fromLogits: boolean;
  /** One loss per example: shape [batch]. */
  perSample(yTrue: TensorLike, yPred: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}

/** A user-written loss: per-example values, or an already reduced scalar. */
export type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * Makes a {@link Loss} from an elementwise-or-per-row function `rows(yTrue, yPred) → Tensor` whose first axis is
 * the batch. Remaining axes are averaged, so a sequence model's per-token losses become one value per sequence.
 * @example
 * const msle = makeLoss('meanSquaredLogarithmicError', {}, (t, p) => square(sub(log1p(p), log1p(t))));
 * const model = sequential([layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: 'adam', loss: msle });
 */
export function makeLoss(
  name: string,
  config: Record<string, unknown>,
  rows: (yTrue: Tensor, yPred: Tensor) => Tensor,
  prepare: (name: string, yTrue: Tensor, yPred: Tensor) => Tensor = alignTargets,
): Loss {
  const perSample = (yTrue: TensorLike, yPred: Tensor): Tensor => {
    const target = prepare(name, toTensor(yTrue, 'yTrue', name), yPred);
    return batchMean(rows(target, yPred));
  };
  const loss = (yTrue: TensorLike, yPred: Tensor, sampleWeight?: TensorLike): Tensor => {
    const per = perSample(yTrue, yPred);
    if (sampleWeight === undefined) return mean(per);
    const w = reshape(toTensor(sampleWeight, 'sampleWeight', name), [-1]);
    if (w.size !== per.size) {
      throw new ShapeError(`${name}: sampleWeight has ${w.size} values, expected one per example (${per.size})`);
    }
    // Keras' reduction: Σ lᵢwᵢ / N, so weights of zero shrink the loss rather than renormalising it.
    return mean(mul(per, w));
  };
  Object.defineProperty(loss, 'name', { value: name });
  return Object.assign(loss, {
    fromLogits: config['fromLogits'] === true,
    perSample,
    getConfig: () => ({ ...config }),
  }) as Loss;
}

/** Averages every axis but the first (the batch); a rank-0 or rank-1 input is already one value per example. */
export function batchMean(t: Tensor): Tensor {
  if (t.rank <= 1) return t.rank === 0 ? reshape(t, [1]) : t;
  return mean(
    t,
    t.shape.slice(1).map((_, i) => i + 1),
  );
}

/**
 * Brings yTrue to yPred's shape the way Keras does: a missing or extra trailing axis of size 1 is added or
 * dropped; anything else must match exactly. Integer and boolean targets become float32.
 */
export function alignTargets(name: string, yTrue: Tensor, yPred: Tensor): Tensor {
  let t = yTrue;
  if (t.rank === yPred.rank - 1 && yPred.shape[yPred.rank - 1] === 1) t = expandDims(t, -1);
  else if (t.rank === yPred.rank + 1 && t.shape[t.rank - 1] === 1) t = squeeze(t, -1);
  if (!shapesEqual(t.shape, yPred.shape)) {
    throw new ShapeError(
      `${name}: yTrue shape ${fmtShape(yTrue.shape)} does not match yPred shape ${fmtShape(yPred.shape)}`,
    );
  }
  return t.dtype === 'float32' ? t : cast(t, 'float32');
}
