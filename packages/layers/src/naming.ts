const counters = new Map<string, number>();

/** Keras' class-name → snake_case rule: `Dense` → `dense`, `Conv2D` → `conv2d`, `PReLU` → `p_re_lu`. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The next default name for a base name: `dense`, then `dense_1`, `dense_2`, … (as Keras). */
export function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/**
 * Restarts default layer names from `dense`, `conv2d`, … (Keras `clear_session` does this).
 * @example resetDefaultNames(); dense({ units: 1 }).name; // → 'dense'
 */
export function resetDefaultNames(): void {
  counters.clear();
}
