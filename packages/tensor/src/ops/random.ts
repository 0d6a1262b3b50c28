import type { DType } from '../dtype.js';
import { engine } from '../engine.js';
import { DTypeError, ValueError } from '../errors.js';
import { keyFor, type PRNGKey } from '../prng.js';
import { assertValidShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

export type Seed = number | PRNGKey;

/** Validates the common arguments first, so that a bad call does not consume a key of the global stream. */
function check(
  op: string,
  shape: readonly number[],
  dtype: DType,
  scale: [string, number],
  loc: [string, number],
): void {
  assertValidShape(op, shape);
  if (dtype !== 'float32' && dtype !== 'int32') {
    throw new DTypeError(`${op}: dtype must be 'float32' or 'int32', received ${JSON.stringify(dtype)}`);
  }
  if (!Number.isFinite(loc[1])) throw new ValueError(`${op}: ${loc[0]} must be a finite number, received ${loc[1]}`);
  if (!(scale[1] >= 0) || !Number.isFinite(scale[1])) {
    throw new ValueError(`${op}: ${scale[0]} must be a finite non-negative number, received ${scale[1]}`);
  }
}

/**
 * Samples N(mean, stddev²). The same `seed` gives the same tensor on every backend and every run.
 * @example randomNormal([2, 3], 0, 1, 'float32', 42)
 */
export function randomNormal(
  shape: readonly number[],
  mean = 0,
  stddev = 1,
  dtype: DType = 'float32',
  seed?: Seed,
): Tensor {
  check('randomNormal', shape, dtype, ['stddev', stddev], ['mean', mean]);
  const z = keyFor(seed, 'randomNormal').normal(sizeOf(shape));
  const v = new Float32Array(z.length);
  for (let i = 0; i < z.length; i++) v[i] = mean + stddev * z[i]!;
  return finish(v, shape, dtype);
}

/**
 * Samples uniformly from [minval, maxval); int32 results are floor()ed, so they lie in [minval, maxval).
 * @example randomUniform([3], -1, 1, 'float32', 7)
 */
export function randomUniform(
  shape: readonly number[],
  minval = 0,
  maxval = 1,
  dtype: DType = 'float32',
  seed?: Seed,
): Tensor {
  check('randomUniform', shape, dtype, ['maxval - minval', maxval - minval], ['minval', minval]);
  const u = keyFor(seed, 'randomUniform').uniform(sizeOf(shape));
  const v = new Float32Array(u.length);
  for (let i = 0; i < u.length; i++) v[i] = minval + (maxval - minval) * u[i]!;
  // Rounding to float32 can push minval + (maxval − minval)·u up to maxval itself; keep the interval half-open.
  if (maxval > minval) {
    const below = float32Below(maxval);
    for (let i = 0; i < v.length; i++) if (v[i]! >= maxval) v[i] = below;
  }
  return finish(v, shape, dtype);
}

/** The largest float32 strictly below `x`. */
function float32Below(x: number): number {
  const f = new Float32Array([x]);
  if (f[0]! < x) return f[0]!;
  const bits = new Int32Array(f.buffer);
  if (f[0] === 0)
    bits[0] = -2147483647; // −(smallest subnormal)
  else bits[0]! += f[0]! > 0 ? -1 : 1;
  return f[0]!;
}

/**
 * Samples N(mean, stddev²) truncated to [mean − 2·stddev, mean + 2·stddev], redrawing values outside (TensorFlow's
 * definition). The resulting standard deviation is ≈ 0.8796·stddev; initializers correct for this.
 * @example truncatedNormal([4], 0, 1, 'float32', 1)
 */
export function truncatedNormal(
  shape: readonly number[],
  mean = 0,
  stddev = 1,
  dtype: DType = 'float32',
  seed?: Seed,
): Tensor {
  check('truncatedNormal', shape, dtype, ['stddev', stddev], ['mean', mean]);
  const n = sizeOf(shape);
  const v = new Float32Array(n);
  const key = keyFor(seed, 'truncatedNormal');
  let filled = 0;
  for (let round = 0; filled < n; round++) {
    // About 95.4% of draws are accepted, so one or two rounds almost always suffice.
    const z = key.fold(round).normal(Math.ceil((n - filled) * 1.1) + 8);
    for (let i = 0; i < z.length && filled < n; i++) if (Math.abs(z[i]!) <= 2) v[filled++] = mean + stddev * z[i]!;
  }
  return finish(v, shape, dtype);
}

function finish(v: Float32Array, shape: readonly number[], dtype: DType): Tensor {
  if (dtype === 'int32') return engine.makeTensor(Int32Array.from(v, Math.floor), shape, 'int32');
  return engine.makeTensor(v, shape, 'float32');
}
