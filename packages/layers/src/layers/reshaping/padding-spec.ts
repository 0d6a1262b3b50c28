import { ValueError } from '@rectify/tensor';

/**
 * Keras' per-axis amounts for padding and cropping layers: one number (both sides of every axis), one pair per
 * axis, or `[before, after]` pairs: `1` → `[[1, 1], [1, 1]]`, `[1, 2]` → `[[1, 1], [2, 2]]` for two axes.
 * With one axis, `[before, after]` is the pair itself (Keras' 1-D form, which {@link sideConfig} writes back).
 */
export function sidePairs(layer: string, option: string, value: unknown, axes: number): [number, number][] {
  const ok = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
  const fail = (): never => {
    throw new ValueError(
      `${layer}: ${option} must be a non-negative integer, ${axes === 1 ? 'or [before, after]' : `${axes} of them, or ${axes} [before, after] pairs`}, received ${JSON.stringify(value)}`,
    );
  };
  if (ok(value)) return Array.from({ length: axes }, () => [value, value]);
  if (!Array.isArray(value)) return fail();
  if (axes === 1 && value.length === 2 && value.every(ok)) return [[value[0]!, value[1]!]];
  if (value.length !== axes) return fail();
  return value.map(
    (v) =>
      (ok(v) ? [v, v] : Array.isArray(v) && v.length === 2 && v.every(ok) ? [v[0], v[1]] : fail()) as [number, number],
  );
}

/** The amounts as Keras writes them: `[before, after]` for one axis, a list of pairs otherwise. */
export function sideConfig(pairs: readonly (readonly [number, number])[]): [number, number] | [number, number][] {
  const copy = pairs.map((p) => [p[0], p[1]] as [number, number]);
  return copy.length === 1 ? copy[0]! : copy;
}
