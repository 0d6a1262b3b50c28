import { add, clipByValue, log, mul, neg, softplus, sub, checkOptions, optionNames } from '@rectify/tensor';
import { checkUnitInterval } from '../checks.js';
import { type Loss, makeLoss } from './loss.js';

export interface BinaryCrossentropyOptions {
  /** yPred holds logits rather than probabilities (default false). Preferred: exact and stable. */
  fromLogits?: boolean;
  /** Pulls targets toward ½: z ← z(1 − s) + s/2 (default 0). */
  labelSmoothing?: number;
}

/** Probabilities are clipped to [ε, 1 − ε] before the log, as Keras does; the logits form needs no clipping. */
export const PROBABILITY_EPSILON = 1e-7;

/**
 * Binary crossentropy (Keras `BinaryCrossentropy`) for one or more independent yes/no outputs.
 *
 * From logits x: softplus(x) − z·x, the exact form of −z·log σ(x) − (1 − z)·log(1 − σ(x)) that never
 * computes σ(x) and so never takes log(0), even at x = ±1e4. From probabilities p: −z·log p − (1 − z)·log(1 − p)
 * with p and 1 − p each clipped to [1e-7, 1 − 1e-7]. Averaged over the last axis.
 *
 * @example binaryCrossentropy({ fromLogits: true })(tensor([[1]]), tensor([[0]])).item(); // log 2
 */
export function binaryCrossentropy(options: BinaryCrossentropyOptions = {}): Loss {
  checkOptions(
    'binaryCrossentropy',
    options,
    optionNames<BinaryCrossentropyOptions>()({ fromLogits: true, labelSmoothing: true }),
  );
  const fromLogits = options.fromLogits ?? false;
  const labelSmoothing = checkUnitInterval('binaryCrossentropy', 'labelSmoothing', options.labelSmoothing ?? 0);
  return makeLoss('binaryCrossentropy', { fromLogits, labelSmoothing }, (t, p) => {
    const z = labelSmoothing > 0 ? add(mul(t, 1 - labelSmoothing), labelSmoothing / 2) : t;
    if (fromLogits) return sub(softplus(p), mul(z, p));
    // p and 1 − p are clipped separately: float32 cannot hold 1 − 1e-7 exactly, and clipping p alone would cap
    // the loss of a confident wrong "no" at −log(1.19e-7) instead of −log(1e-7).
    const logP = log(clipByValue(p, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON));
    const logNotP = log(clipByValue(sub(1, p), PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON));
    return neg(add(mul(z, logP), mul(sub(1, z), logNotP)));
  });
}
