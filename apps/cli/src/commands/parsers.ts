import { InvalidArgumentError } from 'commander';
import { parseDecimal } from '../numbers.js';

/**
 * Option-value parsers for commander. Each throws `InvalidArgumentError`, which commander turns into
 * "option '--epochs <n>' argument 'abc' is invalid. expected a positive integer" (a usage error, exit 2). Numbers
 * are plain decimals: `0x10`, `1e` or `Infinity` are refused, not read as 16, NaN or infinity.
 */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

export function positiveNumber(value: string): number {
  const n = parseDecimal(value);
  if (n === undefined || n <= 0)
    throw new InvalidArgumentError('expected a positive decimal number such as 0.01 or 1e-3');
  return n;
}

/** A fraction in [0, 1), as validation splits are. */
export function fraction(value: string): number {
  const n = parseDecimal(value);
  if (n === undefined || n < 0 || n >= 1) throw new InvalidArgumentError('expected a decimal number in [0, 1)');
  return n;
}

/** A comma-separated list of names: `relu,gelu` → ['relu', 'gelu']. */
export function nameList(value: string): string[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new InvalidArgumentError('expected a comma-separated list of names');
  return names;
}

/** A comma-separated list of positive integers: `256,128`. */
export function intList(value: string): number[] {
  return nameList(value).map((v) => {
    try {
      return positiveInt(v);
    } catch {
      throw new InvalidArgumentError(`expected comma-separated positive integers, '${v}' is not one`);
    }
  });
}

/** A choice among `allowed`; the message lists them. */
export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

/** A CSV field separator: one character, or `tab` / `\t` for a tab. */
export function delimiter(value: string): string {
  if (value === 'tab' || value === '\\t' || value === '\t') return '\t';
  if ([...value].length !== 1 || /[\s"\r\n]/.test(value))
    throw new InvalidArgumentError("expected one character such as ';' or ',', or 'tab'");
  return value;
}
