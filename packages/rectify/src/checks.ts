import { ValueError } from '@rectify/tensor';

/**
 * Argument checks shared by optimizers, schedules, losses and callbacks. Each throws a `ValueError` that names
 * the function, the option and the value received, e.g. `adam: learningRate must be a positive number, received -1`.
 */
function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function checkPositive(fn: string, option: string, v: unknown): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
    throw new ValueError(`${fn}: ${option} must be a positive number, received ${show(v)}`);
  }
  return v;
}

export function checkNonNegative(fn: string, option: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
    throw new ValueError(`${fn}: ${option} must be a non-negative number, received ${show(v)}`);
  }
  return v;
}

export function checkPositiveInt(fn: string, option: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new ValueError(`${fn}: ${option} must be a positive integer, received ${show(v)}`);
  }
  return v;
}

export function checkNonNegativeInt(fn: string, option: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new ValueError(`${fn}: ${option} must be a non-negative integer, received ${show(v)}`);
  }
  return v;
}

/** A number in [0, 1) — momentum terms and decay rates (1 would never forget, so it is excluded). */
export function checkUnitInterval(fn: string, option: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
    throw new ValueError(`${fn}: ${option} must be in [0, 1), received ${show(v)}`);
  }
  return v;
}

export function checkOneOf<T extends string>(fn: string, option: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new ValueError(
      `${fn}: ${option} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, received ${show(v)}`,
    );
  }
  return v as T;
}

/** Name lookups ignore case, underscores and dashes, so 'categorical_crossentropy' finds 'categoricalCrossentropy'. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}
