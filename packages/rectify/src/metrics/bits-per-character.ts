import { mul, neg, oneHot, sum } from '@rectify/tensor';
import { classLogProbabilities } from '../losses/categorical-crossentropy.js';
import { classLabels } from '../losses/sparse-categorical-crossentropy.js';
import { type Metric, meanMetric } from './metric.js';

export interface BitsPerCharacterOptions {
  /** yPred holds logits rather than a softmax output (default false). */
  fromLogits?: boolean;
}

/**
 * Bits per character (per token): the mean of −log₂ p[label] over every predicted position — the sparse
 * crossentropy in base 2, the unit character language models are compared in. A uniform guess over C symbols
 * scores log₂ C; a model that knows the text scores 0.
 *
 * @example const m = bitsPerCharacter(); m.update(tensor([[1, 0]]), tensor([[[0.5, 0.5], [0.25, 0.75]]])); m.result(); // (1 + 2) / 2
 */
export function bitsPerCharacter(options: BitsPerCharacterOptions = {}): Metric {
  const fromLogits = options.fromLogits ?? false;
  return meanMetric('bitsPerCharacter', { fromLogits }, (t, p) => {
    const labels = classLabels('bitsPerCharacter', t, p);
    const logP = classLogProbabilities(p, fromLogits);
    return mul(neg(sum(mul(oneHot(labels, p.shape[p.rank - 1]!), logP), -1)), 1 / Math.LN2);
  });
}
