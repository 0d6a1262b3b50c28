/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, as commander uses): 'irsi' is one
 * edit from 'iris'.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name closest to `input`, if it is close enough to be a plausible typo (at most 40 % of the
 * characters differ, like commander's own suggestions), otherwise undefined.
 *
 * @example
 * nearest('irsi', ['iris', 'mnist']); // 'iris'
 */
export function nearest(input: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = editDistance(input.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(1, Math.floor(0.4 * Math.max(input.length, best.length))) ? best : undefined;
}

/** `" (did you mean 'iris'?)"` or the empty string, to append to an error message. */
export function didYouMean(input: string, known: readonly string[]): string {
  const hit = nearest(input, known);
  return hit === undefined ? '' : ` (did you mean '${hit}'?)`;
}
