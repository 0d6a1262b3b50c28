import { PRNGKey, type Seed, ValueError } from '@rectify/tensor';

/**
 * Option checks shared by every initializer. Each names the initializer, the option, the value received and what
 * was expected, so that a bad config read from a file points at its own mistake.
 */

/** A value as error messages print it: strings quoted, objects as JSON. */
export function fmtValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null)
    return String(value);
  if (Array.isArray(value)) return `[${value.map(fmtValue).join(',')}]`;
  if (value instanceof PRNGKey) return 'PRNGKey';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** `heNormal` → `he_normal`, the spelling Keras uses for names and option values. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A finite number, or `fallback` when the option is absent. */
export function finiteOption(op: string, option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${op}: ${option} must be a finite number, received ${fmtValue(value)}`);
  }
  return value;
}

/** A finite number > 0 (a scale), or `fallback` when absent. */
export function positiveOption(op: string, option: string, value: unknown, fallback: number): number {
  const v = finiteOption(op, option, value, fallback);
  if (!(v > 0)) throw new ValueError(`${op}: ${option} must be positive, received ${v}`);
  return v;
}

/** A finite number >= 0 (a standard deviation), or `fallback` when absent. */
export function nonNegativeOption(op: string, option: string, value: unknown, fallback: number): number {
  const v = finiteOption(op, option, value, fallback);
  if (!(v >= 0)) throw new ValueError(`${op}: ${option} must be non-negative, received ${v}`);
  return v;
}

/** An integer seed or a PRNGKey; absent means "draw from the global stream". */
export function seedOption(op: string, value: unknown): Seed | undefined {
  if (value === undefined || value instanceof PRNGKey) return value;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ValueError(`${op}: seed must be an integer or a PRNGKey, received ${fmtValue(value)}`);
  }
  return value;
}

/**
 * One of `allowed` (camelCase), also accepting its Keras snake_case spelling; returns the camelCase form.
 * @example choiceOption('varianceScaling', 'mode', 'fan_in', ['fanIn', 'fanOut', 'fanAvg'], 'fanIn') // → 'fanIn'
 */
export function choiceOption<T extends string>(
  op: string,
  option: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const match = allowed.find((a) => a === value || snakeCase(a) === value);
  if (match === undefined) {
    const quoted = allowed.map((a) => `'${a}'`);
    const list =
      quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}` : quoted.join('');
    throw new ValueError(`${op}: ${option} must be ${list}, received ${fmtValue(value)}`);
  }
  return match;
}
