import {
  type Tensor,
  add,
  clipByValue,
  div,
  log,
  logSoftmax,
  mul,
  neg,
  sum,
  checkOptions,
  optionNames,
} from '@rectify/tensor';
import { checkUnitInterval } from '../checks.js';
import { PROBABILITY_EPSILON } from './binary-crossentropy.js';
import { type Loss, makeLoss } from './loss.js';

export interface CategoricalCrossentropyOptions {
  /** yPred holds logits rather than a softmax output (default false). Preferred: exact and stable. */
  fromLogits?: boolean;
  /** Mixes the one-hot target with the uniform distribution: z ← z(1 − s) + s/C (default 0). */
  labelSmoothing?: number;
}

/**
 * The log-probabilities of each class along the last axis: logSoftmax for logits (stable at ±1e4), or
 * log of the renormalised, clipped probabilities (Keras' treatment).
 */
export function classLogProbabilities(yPred: Tensor, fromLogits: boolean): Tensor {
  if (fromLogits) return logSoftmax(yPred, -1);
  const p = div(yPred, sum(yPred, -1, true));
  return log(clipByValue(p, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON));
}

/**
 * Categorical crossentropy (Keras `CategoricalCrossentropy`) for one-hot (or soft) targets over the last axis.
 *
 * loss = −Σ_c z_c · log p_c, with log p = logSoftmax(x) when `fromLogits`.
 *
 * @example categoricalCrossentropy({ fromLogits: true })(tensor([[0, 1]]), tensor([[0, 0]])).item(); // log 2
 */
export function categoricalCrossentropy(options: CategoricalCrossentropyOptions = {}): Loss {
  checkOptions(
    'categoricalCrossentropy',
    options,
    optionNames<CategoricalCrossentropyOptions>()({ fromLogits: true, labelSmoothing: true }),
  );
  const fromLogits = options.fromLogits ?? false;
  const labelSmoothing = checkUnitInterval('categoricalCrossentropy', 'labelSmoothing', options.labelSmoothing ?? 0);
  return makeLoss('categoricalCrossentropy', { fromLogits, labelSmoothing }, (t, p) => {
    const classes = p.shape[p.rank - 1] ?? 1;
    const z = labelSmoothing > 0 ? add(mul(t, 1 - labelSmoothing), labelSmoothing / classes) : t;
    return neg(sum(mul(z, classLogProbabilities(p, fromLogits)), -1));
  });
}
