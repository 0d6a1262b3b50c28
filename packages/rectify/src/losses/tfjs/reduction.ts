import {
  type Tensor,
  type TensorLike,
  ValueError,
  cast,
  div,
  mean,
  mul,
  notEqual,
  ones,
  sum,
  toTensor,
} from '@rectify/tensor';

/**
 * How TensorFlow.js' loss functions reduce the per-element losses (`tf.Reduction`, same numeric values).
 * @example rf.losses.meanSquaredError(tensor([0, 0]), tensor([1, 2]), undefined, rf.losses.Reduction.SUM) // → 5
 */
export enum Reduction {
  /** The weighted per-element losses, unreduced. */
  NONE = 0,
  /** Σ w·l / Σ w (the plain mean without weights). */
  MEAN = 1,
  /** Σ w·l. */
  SUM = 2,
  /** Σ w·l / (number of non-zero weights): tfjs' default. */
  SUM_BY_NONZERO_WEIGHTS = 3,
}

/**
 * Weights and reduces per-element losses exactly as tfjs' `tf.losses.computeWeightedLoss` does.
 * @example computeWeightedLoss(tensor([1, 2, 3]), tensor([1, 0, 1])).item(); // (1 + 3) / 2
 */
export function computeWeightedLoss(
  losses: TensorLike,
  weights?: TensorLike | null,
  reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS,
): Tensor {
  const l = toTensor(losses, 'losses', 'computeWeightedLoss');
  const w = weights === undefined || weights === null ? null : toTensor(weights, 'weights', 'computeWeightedLoss');
  const weighted = w ? mul(l, w) : l;
  switch (reduction) {
    case Reduction.NONE:
      return weighted;
    case Reduction.SUM:
      return sum(weighted);
    case Reduction.MEAN: {
      if (!w) return mean(weighted);
      const result = div(sum(weighted), sum(w));
      const broadcastFactor = l.size / w.size;
      return broadcastFactor > 1 ? div(result, broadcastFactor) : result;
    }
    case Reduction.SUM_BY_NONZERO_WEIGHTS: {
      if (!w) return div(sum(weighted), l.size);
      const nonZero = cast(sum(notEqual(mul(w, ones(l.shape)), 0)), 'float32');
      return div(sum(weighted), nonZero);
    }
    default:
      throw new ValueError(
        `computeWeightedLoss: unknown reduction ${String(reduction)}; use rf.losses.Reduction (NONE, MEAN, SUM, SUM_BY_NONZERO_WEIGHTS)`,
      );
  }
}
