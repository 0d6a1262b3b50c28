import type { DType } from '../dtype.js';
import { engine } from '../engine.js';
import { ValueError } from '../errors.js';
import { keyFor, type PRNGKey } from '../prng.js';
import { assertValidShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';

export type Seed = number | PRNGKey;

function checkStd(op: string, stddev: number): void {
  if (!(stddev >= 0)) throw new ValueError(`${op}: stddev must be non-negative, received ${stddev}`);
}

/**
 * Samples N(mean, stddev²). The same `seed` gives the same tensor on every backend.
 * @example randomNormal([2, 3], 0, 1, 'float32', 42)
 */
export function randomNormal(shape: readonly number[], mean = 0, stddev = 1, dtype: DType = 'float32', seed?: Seed): Tensor {
  assertValidShape('randomNormal', shape);
  checkStd('randomNormal', stddev);
  const z = keyFor(seed).normal(sizeOf(shape));
  const v = new Float32Array(z.length);
  for (let i = 0; i < z.length; i++) v[i] = mean + stddev * z[i]!;
  return finish(v, shape, dtype);
}

/**
 * Samples uniformly from [minval, maxval).
 * @example randomUniform([3], -1, 1, 'float32', 7)
 */
export function randomUniform(shape: readonly number[], minval = 0, maxval = 1, dtype: DType = 'float32', seed?: Seed): Tensor {
  assertValidShape('randomUniform', shape);
  if (!(maxval >= minval)) throw new ValueError(`randomUniform: maxval must be >= minval, received minval=${minval}, maxval=${maxval}`);
  const u = keyFor(seed).uniform(sizeOf(shape));
  const v = new Float32Array(u.length);
  for (let i = 0; i < u.length; i++) v[i] = minval + (maxval - minval) * u[i]!;
  return finish(v, shape, dtype);
}

/**
 * Samples N(mean, stddev²) truncated to [mean − 2·stddev, mean + 2·stddev], redrawing values outside (TensorFlow's
 * definition). Note the resulting standard deviation is ≈ 0.88·stddev; initializers correct for this.
 * @example truncatedNormal([4], 0, 1, 'float32', 1)
 */
export function truncatedNormal(shape: readonly number[], mean = 0, stddev = 1, dtype: DType = 'float32', seed?: Seed): Tensor {
  assertValidShape('truncatedNormal', shape);
  checkStd('truncatedNormal', stddev);
  const n = sizeOf(shape);
  const v = new Float32Array(n);
  let key = keyFor(seed);
  let filled = 0;
  for (let round = 0; filled < n; round++) {
    // About 95.4% of draws are accepted, so a few rounds always suffice.
    const z = key.fold(round).normal(Math.ceil((n - filled) * 1.1) + 8);
    for (let i = 0; i < z.length && filled < n; i++) if (Math.abs(z[i]!) <= 2) v[filled++] = mean + stddev * z[i]!;
    key = key.fold(round + 1);
  }
  return finish(v, shape, dtype);
}

function finish(v: Float32Array, shape: readonly number[], dtype: DType): Tensor {
  if (dtype === 'float32') return engine.makeTensor(v, shape, 'float32');
  if (dtype === 'int32') return engine.makeTensor(Int32Array.from(v, Math.floor), shape, 'int32');
  throw new ValueError(`random: dtype must be 'float32' or 'int32', received ${dtype}`);
}
