import { ValueError } from '@rectify/tensor';
import { type Regularizer, type RegularizerIdentifier, get as getRegularizer } from './regularizers.js';

/** Checks a size option: `dense: units must be a positive integer, received 0`. */
export function positiveInt(layer: string, option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValueError(`${layer}: ${option} must be a positive integer, received ${String(value)}`);
  }
  return value;
}

/** Checks a rate in [0, 1): `dropout: rate must be a number in [0, 1), received 1`. */
export function rate(layer: string, option: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ValueError(`${layer}: ${option} must be a number in [0, 1), received ${String(value)}`);
  }
  return value;
}

/** Checks a finite number option, optionally positive. */
export function finite(layer: string, option: string, value: unknown, { positive = false } = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (positive && value <= 0)) {
    throw new ValueError(
      `${layer}: ${option} must be a ${positive ? 'positive' : 'finite'} number, received ${String(value)}`,
    );
  }
  return value;
}

/** A number or a pair of positive integers, as kernel sizes and strides are given: `3` → `[3, 3]`. */
export function intPair(layer: string, option: string, value: unknown): [number, number] {
  return intTuple(layer, option, value, 2) as [number, number];
}

/** A number or a list of `rank` positive integers: `3` → `[3]` (rank 1), `[3, 3]` (rank 2). */
export function intTuple(layer: string, option: string, value: unknown, rank: number): number[] {
  const list = typeof value === 'number' ? Array.from({ length: rank }, () => value) : value;
  if (!Array.isArray(list) || list.length !== rank || !list.every((v) => Number.isInteger(v) && v >= 1)) {
    const what = rank === 2 ? 'a pair of them' : `a list of ${rank}`;
    throw new ValueError(
      `${layer}: ${option} must be a positive integer or ${what}, received ${JSON.stringify(value)}`,
    );
  }
  return [...(list as number[])];
}

/** One of the allowed strings: `conv2d: padding must be 'valid' or 'same', received 'full'`. */
export function oneOf<T extends string>(layer: string, option: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    const list = allowed.map((a) => `'${a}'`).join(' or ');
    throw new ValueError(`${layer}: ${option} must be ${list}, received ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** Resolves an optional regularizer option (`null` and `undefined` mean none). */
export function optionalRegularizer(id: RegularizerIdentifier | null | undefined): Regularizer | undefined {
  return id === null || id === undefined ? undefined : getRegularizer(id);
}

/** TensorFlow.js' image-layout option, accepted for its default only: Rectify's image layers are NHWC. */
export interface DataFormatArgs {
  /** Only 'channelsLast' (NHWC, TensorFlow.js' default) exists here. */
  dataFormat?: 'channelsLast';
}
