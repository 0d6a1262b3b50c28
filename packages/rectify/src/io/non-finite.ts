import type { Variable } from '@rectify/tensor';

/**
 * Warns once, naming them, when loaded weights hold NaN or ±Infinity: such a model loads (it may be what the user
 * saved), but every prediction it makes will be NaN, which should not come as a silent surprise.
 * @example warnNonFinite('loadModel', model.weights);
 */
export function warnNonFinite(fn: string, weights: readonly Variable[]): string[] {
  const bad = weights.filter((w) => w.dataSync().some((v) => !Number.isFinite(v))).map((w) => w.name);
  if (bad.length) {
    const list =
      bad
        .slice(0, 5)
        .map((n) => `'${n}'`)
        .join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
    console.warn(
      `${fn}: weight${bad.length > 1 ? 's' : ''} ${list} ${bad.length > 1 ? 'hold' : 'holds'} NaN or Infinity values; the model loads, but its predictions will be NaN`,
    );
  }
  return bad;
}
