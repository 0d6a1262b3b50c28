import { ValueError } from '@rectify/tensor';

export interface SampleOptions {
  /** Divides the log-probabilities before sampling: < 1 sharpens, > 1 flattens; 0 means greedy. Default 1. */
  temperature?: number;
  /** Sample among the k most likely tokens only; default all. 1 is greedy. */
  topK?: number;
  /** The scores are logits rather than probabilities (a softmax output). Default false. */
  fromLogits?: boolean;
}

/** Checks the sampling options once, with errors naming the option and the value. */
export function checkSampleOptions(where: string, o: SampleOptions): Required<SampleOptions> {
  const temperature = o.temperature ?? 1;
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0)
    throw new ValueError(`${where}: temperature must be a finite number >= 0, received ${String(temperature)}`);
  const topK = o.topK ?? Infinity;
  if (topK !== Infinity && (!Number.isInteger(topK) || topK < 1))
    throw new ValueError(`${where}: topK must be a positive integer, received ${String(topK)}`);
  return { temperature, topK, fromLogits: o.fromLogits ?? false };
}

/**
 * Picks a token from one row of scores: the most likely (greedy, when temperature is 0 or topK 1), or a draw from
 * softmax(log p / temperature) over the topK most likely, using `u` ∈ [0, 1) as the random number.
 *
 * @example sampleToken(Float32Array.of(0.1, 0.7, 0.2), 0.5, { temperature: 0 }); // 1
 */
export function sampleToken(scores: ArrayLike<number>, u: number, options: SampleOptions = {}): number {
  const { temperature, topK, fromLogits } = checkSampleOptions('sampleToken', options);
  const logits = Array.from(scores, (s) => (fromLogits ? s : Math.log(Math.max(s, 0))));
  const order = logits.map((_, i) => i).sort((a, b) => logits[b]! - logits[a]! || a - b);
  if (temperature === 0 || topK === 1) return order[0]!;
  const kept = order.slice(0, Math.min(topK, order.length)).filter((i) => logits[i]! > -Infinity);
  const top = logits[kept[0]!]!;
  const weights = kept.map((i) => Math.exp((logits[i]! - top) / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let j = 0; j < kept.length; j++) {
    acc += weights[j]! / total;
    if (u < acc) return kept[j]!;
  }
  return kept[kept.length - 1]!;
}
