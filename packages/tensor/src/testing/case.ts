import type { BackendKernelName } from '../backend/kernels.js';
import type { DType } from '../dtype.js';
import { tensor } from '../ops/convert.js';
import { PRNGKey } from '../prng.js';
import { sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

/**
 * One conformance check: `run` builds its inputs on whichever backend is active and returns the outputs to
 * compare. It runs once on 'cpu' (the reference) and once on the backend under test.
 */
export interface ConformanceCase {
  /** `<group> <details>`, e.g. `matmul/transposeA [13,7]ᵀ·[13,31]`; `skip` can name the id or its group. */
  readonly id: string;
  readonly run: () => Tensor | readonly Tensor[];
  /** Multiplies the suite tolerance, for long float32 accumulations. */
  readonly tolScale?: number;
  /** Compares in relative terms only (no absolute part): for tiny results such as an activation's far tail. */
  readonly relative?: boolean;
}

/** Every primitive kernel has cases: a kernel missing from the table is a compile error. */
export type KernelCaseTable = { readonly [K in BackendKernelName]: readonly ConformanceCase[] };

export function kase(id: string, run: () => Tensor | readonly Tensor[], tolScale?: number): ConformanceCase {
  return tolScale === undefined ? { id, run } : { id, run, tolScale };
}

/**
 * How seeded inputs are drawn. `normal` is N(0, 1); `positive` is |z| + 0.1 (for log, sqrt …); `nonzero` keeps
 * |v| >= 0.5 (divisors); `nearOne` is 1 + 0.1·z (products that must not overflow); `rounded` has many exact ties;
 * `int` is int32 in about [-9, 9]; `posInt` is int32 1..6; `nonzeroInt` is ±1..6; `bool` is z > 0.
 */
export type InputKind =
  'normal' | 'positive' | 'nonzero' | 'nearOne' | 'rounded' | 'int' | 'posInt' | 'nonzeroInt' | 'bool';

const DTYPE_OF: Record<InputKind, DType> = {
  normal: 'float32',
  positive: 'float32',
  nonzero: 'float32',
  nearOne: 'float32',
  rounded: 'float32',
  int: 'int32',
  posInt: 'int32',
  nonzeroInt: 'int32',
  bool: 'bool',
};

function draw(kind: InputKind, z: number): number {
  switch (kind) {
    case 'normal':
      return z;
    case 'positive':
      return Math.abs(z) + 0.1;
    case 'nonzero':
      return z < 0 ? z - 0.5 : z + 0.5;
    case 'nearOne':
      return 1 + 0.1 * z;
    case 'rounded':
      return Math.round(2 * z) / 2;
    case 'int':
      return Math.round(3 * z);
    case 'posInt':
      return 1 + (Math.round(Math.abs(3 * z)) % 6);
    case 'nonzeroInt':
      return (z < 0 ? -1 : 1) * (1 + (Math.round(Math.abs(3 * z)) % 6));
    case 'bool':
      return z > 0 ? 1 : 0;
  }
}

/** A seeded input tensor on the active backend: the same `seed` gives the same values everywhere. @example input([7, 13], 1, 'positive') */
export function input(shape: readonly number[], seed: number, kind: InputKind = 'normal'): Tensor {
  const z = PRNGKey.fromSeed(seed).normal(sizeOf(shape));
  const values = Array.from(z, (v) => draw(kind, v));
  return tensor(values, shape, DTYPE_OF[kind]);
}

/** Seeded int32 indices in [0, n), with repeats. @example indices([5], 4, 3).shape // → [5] */
export function indices(shape: readonly number[], n: number, seed: number): Tensor {
  const u = PRNGKey.fromSeed(seed).uniform(sizeOf(shape));
  return tensor(
    Array.from(u, (v) => Math.floor(v * n)),
    shape,
    'int32',
  );
}

/** Formats shapes for case ids: `[7,13]`. */
export function sh(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
