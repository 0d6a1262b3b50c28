import { type Tensor, ValueError, add, mul } from '@rectify/tensor';
import type { Compiled } from './compiled.js';

/**
 * Each output's loss and the weighted total the optimizer minimises (regularization penalties included).
 */
export function totalLoss(
  fn: string,
  compiled: Compiled,
  ys: readonly Tensor[],
  preds: readonly Tensor[],
  penalties: readonly Tensor[],
): { total: Tensor; perOutput: Tensor[] } {
  if (ys.length !== preds.length) {
    throw new ValueError(
      `${fn}: the model has ${preds.length} output${preds.length === 1 ? '' : 's'} but y holds ${ys.length} tensor${ys.length === 1 ? '' : 's'}`,
    );
  }
  const perOutput = preds.map((p, i) => compiled.losses[i]!(ys[i]!, p));
  let total = perOutput.reduce((acc: Tensor | null, l, i) => {
    const w = compiled.lossWeights[i]!;
    const term = w === 1 ? l : mul(l, w);
    return acc ? add(acc, term) : term;
  }, null)!;
  for (const p of penalties) total = add(total, p);
  return { total, perOutput };
}
