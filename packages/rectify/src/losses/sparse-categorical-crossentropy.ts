import {
  type Tensor,
  ShapeError,
  ValueError,
  cast,
  fmtShape,
  mul,
  neg,
  oneHot,
  shapesEqual,
  squeeze,
  sum,
  checkOptions,
  optionNames,
} from '@rectify/tensor';
import { classLogProbabilities } from './categorical-crossentropy.js';
import { type Loss, makeLoss } from './loss.js';

export interface SparseCategoricalCrossentropyOptions {
  /** yPred holds logits rather than a softmax output (default false). Preferred: exact and stable. */
  fromLogits?: boolean;
}

/**
 * Checks integer class labels against yPred [..., C] and returns them as int32 of shape yPred.shape[:-1].
 * A label outside [0, C) would silently give a zero loss through the one-hot, so it is an error here.
 */
export function classLabels(name: string, yTrue: Tensor, yPred: Tensor): Tensor {
  const classes = yPred.shape[yPred.rank - 1] ?? 0;
  const want = yPred.shape.slice(0, -1);
  let labels = yTrue;
  if (labels.rank === yPred.rank && labels.shape[labels.rank - 1] === 1) labels = squeeze(labels, -1);
  if (!shapesEqual(labels.shape, want)) {
    throw new ShapeError(
      `${name}: yTrue shape ${fmtShape(yTrue.shape)} must be ${fmtShape(want)} (class indices) for yPred shape ${fmtShape(yPred.shape)}`,
    );
  }
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new ValueError(`${name}: labels must be integers in [0, ${classes}), received ${v} at index ${i}`);
    }
  }
  return labels.dtype === 'int32' ? labels : cast(labels, 'int32');
}

/**
 * Sparse categorical crossentropy (Keras `SparseCategoricalCrossentropy`): like categorical crossentropy, with
 * integer class indices as targets instead of one-hot rows.
 *
 * loss = −log p[label], with log p = logSoftmax(x) when `fromLogits`.
 *
 * @example sparseCategoricalCrossentropy({ fromLogits: true })(tensor([1]), tensor([[0, 0]])).item(); // log 2
 */
export function sparseCategoricalCrossentropy(options: SparseCategoricalCrossentropyOptions = {}): Loss {
  checkOptions(
    'sparseCategoricalCrossentropy',
    options,
    optionNames<SparseCategoricalCrossentropyOptions>()({ fromLogits: true }),
  );
  const fromLogits = options.fromLogits ?? false;
  const name = 'sparseCategoricalCrossentropy';
  return makeLoss(
    name,
    { fromLogits },
    (labels, p) => neg(sum(mul(oneHot(labels, p.shape[p.rank - 1]!), classLogProbabilities(p, fromLogits)), -1)),
    (n, yTrue, yPred) => classLabels(n, yTrue, yPred),
  );
}
