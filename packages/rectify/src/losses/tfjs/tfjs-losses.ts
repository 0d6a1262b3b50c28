import {
  type Tensor,
  type TensorLike,
  ShapeError,
  abs,
  add,
  cast,
  exp,
  fmtShape,
  log,
  log1p,
  logSumExp,
  maximum,
  minimum,
  mul,
  neg,
  shapesEqual,
  square,
  squaredDifference,
  sub,
  sum,
  toTensor,
} from '@rectify/tensor';
import { Reduction, computeWeightedLoss } from './reduction.js';

/**
 * TensorFlow.js' loss functions (`tf.losses.*`): `(labels, predictions, weights?, …, reduction?)` → the reduced
 * loss, a Scalar unless `Reduction.NONE`. Same formulas as tfjs, term for term. Each also works as a `compile`
 * loss, as in tfjs.
 */

type Weights = TensorLike | null | undefined;

function pair(
  fn: string,
  a: TensorLike,
  b: TensorLike,
  names: readonly [string, string] = ['labels', 'predictions'],
): [Tensor, Tensor] {
  const x = toTensor(a, names[0], fn);
  const y = toTensor(b, names[1], fn);
  if (!shapesEqual(x.shape, y.shape)) {
    throw new ShapeError(
      `${fn}: ${names[0]} shape ${fmtShape(x.shape)} does not match ${names[1]} shape ${fmtShape(y.shape)}`,
    );
  }
  return [x.dtype === 'float32' ? x : cast(x, 'float32'), y];
}

/**
 * Mean squared error: (labels − predictions)², weighted and reduced.
 * @example rf.losses.meanSquaredError(tensor([1, 2]), tensor([1.5, 2])).item(); // → 0.125
 */
export function meanSquaredError(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [t, p] = pair('meanSquaredError', labels, predictions);
  return computeWeightedLoss(squaredDifference(t, p), weights, reduction);
}

/**
 * Absolute difference: |labels − predictions|, weighted and reduced (Keras' mean absolute error).
 * @example rf.losses.absoluteDifference(tensor([1, 2]), tensor([1.5, 1])).item(); // → 0.75
 */
export function absoluteDifference(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [t, p] = pair('absoluteDifference', labels, predictions);
  return computeWeightedLoss(abs(sub(t, p)), weights, reduction);
}

/**
 * Huber loss: ½q² + δ(e − q) with e = |predictions − labels|, q = min(e, δ).
 * @example rf.losses.huberLoss(tensor([0, 0]), tensor([0.5, 3])).item(); // (0.125 + 2.5) / 2
 */
export function huberLoss(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights,
  delta = 1,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [t, p] = pair('huberLoss', labels, predictions);
  const e = abs(sub(p, t));
  const q = minimum(e, delta);
  return computeWeightedLoss(add(mul(square(q), 0.5), mul(sub(e, q), delta)), weights, reduction);
}

/**
 * Log loss of probabilities: −y·log(p + ε) − (1 − y)·log(1 − p + ε).
 * @example rf.losses.logLoss(tensor([1, 0]), tensor([0.9, 0.2])).item();
 */
export function logLoss(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights,
  epsilon = 1e-7,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [t, p] = pair('logLoss', labels, predictions);
  const l1 = neg(mul(t, log(add(p, epsilon))));
  const l2 = mul(sub(1, t), log(add(sub(1, p), epsilon)));
  return computeWeightedLoss(sub(l1, l2), weights, reduction);
}

/**
 * Hinge loss with 0/1 labels mapped to ±1: max(0, 1 − (2y − 1)·p).
 * @example rf.losses.hingeLoss(tensor([1, 0]), tensor([0.3, -2])).item(); // (0.7 + 0) / 2
 */
export function hingeLoss(
  labels: TensorLike,
  predictions: TensorLike,
  weights?: Weights,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [t, p] = pair('hingeLoss', labels, predictions);
  const signed = sub(mul(t, 2), 1);
  return computeWeightedLoss(maximum(sub(1, mul(signed, p)), 0), weights, reduction);
}

/**
 * Cosine distance along `axis` of (already normalised) vectors: 1 − Σ labels·predictions.
 * @example rf.losses.cosineDistance(tensor([[1, 0]]), tensor([[0.6, 0.8]]), 1).item(); // → 0.4
 */
export function cosineDistance(
  labels: TensorLike,
  predictions: TensorLike,
  axis: number,
  weights?: Weights,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [t, p] = pair('cosineDistance', labels, predictions);
  return computeWeightedLoss(sub(1, sum(mul(t, p), axis, true)), weights, reduction);
}

/**
 * Sigmoid cross-entropy from logits x (stable form): max(x, 0) − x·z + log(1 + e^−|x|); labels smoothed towards ½.
 * @example rf.losses.sigmoidCrossEntropy(tensor([[1]]), tensor([[0]])).item(); // log 2
 */
export function sigmoidCrossEntropy(
  multiClassLabels: TensorLike,
  logits: TensorLike,
  weights?: Weights,
  labelSmoothing = 0,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [labels, x] = pair('sigmoidCrossEntropy', multiClassLabels, logits, ['multiClassLabels', 'logits']);
  const z = labelSmoothing > 0 ? add(mul(labels, 1 - labelSmoothing), 0.5 * labelSmoothing) : labels;
  const losses = add(sub(maximum(x, 0), mul(x, z)), log1p(exp(neg(abs(x)))));
  return computeWeightedLoss(losses, weights, reduction);
}

/**
 * Softmax cross-entropy from logits over the last axis: −Σ z·logSoftmax(x); labels smoothed towards uniform.
 * @example rf.losses.softmaxCrossEntropy(tensor([[0, 1]]), tensor([[0, 0]])).item(); // log 2
 */
export function softmaxCrossEntropy(
  onehotLabels: TensorLike,
  logits: TensorLike,
  weights?: Weights,
  labelSmoothing = 0,
  reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const [labels, x] = pair('softmaxCrossEntropy', onehotLabels, logits, ['onehotLabels', 'logits']);
  const classes = labels.shape[1] ?? 1;
  const z = labelSmoothing > 0 ? add(mul(labels, 1 - labelSmoothing), labelSmoothing / classes) : labels;
  const logProbabilities = sub(x, logSumExp(x, [x.rank - 1], true));
  return computeWeightedLoss(neg(sum(mul(logProbabilities, z), [x.rank - 1])), weights, reduction);
}
