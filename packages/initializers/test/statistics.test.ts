import { describe, expect, it } from 'vitest';
import type { Tensor } from '@rectify/tensor';
import {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  randomNormal,
  randomUniform,
  truncatedNormal,
  varianceScaling,
  type Initializer,
} from '@rectify/initializers';
import { summarize, tolerances } from './stats.js';

/** The std of N(0, 1) truncated to [−2, 2], from Simpson's rule on ∫z²φ / ∫φ — a reference independent of Keras. */
function truncatedStdReference(): number {
  const steps = 20_000;
  const h = 4 / steps;
  let mass = 0;
  let second = 0;
  for (let i = 0; i <= steps; i++) {
    const z = -2 + i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    const phi = Math.exp((-z * z) / 2);
    mass += w * phi;
    second += w * z * z * phi;
  }
  return Math.sqrt(second / mass);
}
const TRUNCATED_STD = truncatedStdReference();

type Expected =
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  | { readonly kind: 'truncated'; readonly mean: number; readonly std: number; readonly halfWidth: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number };

const normal = (mean: number, std: number): Expected => ({ kind: 'normal', mean, std });
/** Truncated at ±2 raw stddevs; `std` is the resulting (intended) standard deviation. */
const truncated = (mean: number, rawStd: number): Expected => ({
  kind: 'truncated',
  mean,
  std: rawStd * TRUNCATED_STD,
  halfWidth: 2 * rawStd,
});
const uniform = (min: number, max: number): Expected => ({ kind: 'uniform', min, max });
/** The variance-scaling distributions for variance `v`. */
const vsTruncated = (v: number): Expected => truncated(0, Math.sqrt(v) / TRUNCATED_STD);
const vsUniform = (v: number): Expected => uniform(-Math.sqrt(3 * v), Math.sqrt(3 * v));

function cases(fanIn: number, fanOut: number): Array<[string, Initializer, Expected]> {
  const avg = (fanIn + fanOut) / 2;
  return [
    ['randomNormal(mean 0.5, stddev 2)', randomNormal({ mean: 0.5, stddev: 2, seed: 1 }), normal(0.5, 2)],
    ['randomNormal defaults', randomNormal({ seed: 2 }), normal(0, 0.05)],
    ['randomUniform(-1, 3)', randomUniform({ minval: -1, maxval: 3, seed: 3 }), uniform(-1, 3)],
    ['randomUniform defaults', randomUniform({ seed: 4 }), uniform(-0.05, 0.05)],
    [
      'truncatedNormal(mean 1, stddev 0.5), uncorrected',
      truncatedNormal({ mean: 1, stddev: 0.5, seed: 5 }),
      truncated(1, 0.5),
    ],
    ['varianceScaling fanIn truncated', varianceScaling({ scale: 3, mode: 'fanIn', seed: 6 }), vsTruncated(3 / fanIn)],
    [
      'varianceScaling fanOut truncated',
      varianceScaling({ scale: 3, mode: 'fanOut', seed: 7 }),
      vsTruncated(3 / fanOut),
    ],
    ['varianceScaling fanAvg truncated', varianceScaling({ scale: 3, mode: 'fanAvg', seed: 8 }), vsTruncated(3 / avg)],
    [
      'varianceScaling fanIn untruncated',
      varianceScaling({ scale: 3, distribution: 'untruncatedNormal', seed: 9 }),
      normal(0, Math.sqrt(3 / fanIn)),
    ],
    [
      'varianceScaling fan_out untruncated_normal',
      varianceScaling({ scale: 3, mode: 'fan_out', distribution: 'untruncated_normal', seed: 10 }),
      normal(0, Math.sqrt(3 / fanOut)),
    ],
    [
      'varianceScaling fanAvg uniform',
      varianceScaling({ scale: 3, mode: 'fanAvg', distribution: 'uniform', seed: 11 }),
      vsUniform(3 / avg),
    ],
    ['varianceScaling defaults (1, fanIn, truncated)', varianceScaling({ seed: 12 }), vsTruncated(1 / fanIn)],
    ['heNormal', heNormal({ seed: 13 }), vsTruncated(2 / fanIn)],
    ['heUniform', heUniform({ seed: 14 }), vsUniform(2 / fanIn)],
    ['glorotNormal', glorotNormal({ seed: 15 }), vsTruncated(2 / (fanIn + fanOut))],
    ['glorotUniform', glorotUniform({ seed: 16 }), vsUniform(2 / (fanIn + fanOut))],
    ['lecunNormal', lecunNormal({ seed: 17 }), vsTruncated(1 / fanIn)],
    ['lecunUniform', lecunUniform({ seed: 18 }), vsUniform(1 / fanIn)],
  ];
}

function check(t: Tensor, expected: Expected): void {
  const s = summarize(t);
  if (expected.kind === 'uniform') {
    const { min, max } = expected;
    const std = (max - min) / Math.sqrt(12);
    const tol = tolerances(s.n, std);
    expect(Math.abs(s.mean - (min + max) / 2)).toBeLessThan(tol.mean);
    expect(Math.abs(s.std - std)).toBeLessThan(tol.std);
    // Float32 rounding is monotonic, so values drawn from [min, max) stay within the float32-rounded bounds.
    expect(s.min).toBeGreaterThanOrEqual(Math.fround(min));
    expect(s.max).toBeLessThanOrEqual(Math.fround(max));
    // …and come close to them: the gap at either end is about (max − min)/n.
    expect(s.min).toBeLessThan(min + 0.01 * (max - min));
    expect(s.max).toBeGreaterThan(max - 0.01 * (max - min));
    return;
  }
  const tol = tolerances(s.n, expected.std);
  expect(Math.abs(s.mean - expected.mean)).toBeLessThan(tol.mean);
  expect(Math.abs(s.std - expected.std)).toBeLessThan(tol.std);
  const widest = Math.max(expected.mean - s.min, s.max - expected.mean);
  if (expected.kind === 'truncated') {
    expect(widest).toBeLessThanOrEqual(Math.fround(expected.halfWidth) * (1 + 1e-6));
    // The cut is at 2 raw stddevs (not at 2 corrected ones): ~0.2% of samples lie within 1% of it.
    expect(widest).toBeGreaterThan(0.99 * expected.halfWidth);
  } else {
    // An untruncated normal has ~0.27% of samples beyond 3σ.
    expect(widest).toBeGreaterThan(3 * expected.std);
  }
}

describe.each([
  { label: 'dense kernel [256, 128]', shape: [256, 128], fanIn: 256, fanOut: 128 },
  { label: 'conv kernel [3, 3, 64, 128]', shape: [3, 3, 64, 128], fanIn: 576, fanOut: 1152 },
])('sample statistics match the formula: $label', ({ shape, fanIn, fanOut }) => {
  it.each(cases(fanIn, fanOut))('%s', (_label, init, expected) => {
    const t = init.apply(shape);
    expect(t.shape).toEqual(shape);
    expect(t.dtype).toBe('float32');
    check(t, expected);
    t.dispose();
  });
});

describe('the truncated-normal correction', () => {
  it('uses the std of a 2σ-truncated standard normal, 0.87962566103423978', () => {
    expect(TRUNCATED_STD).toBeCloseTo(0.87962566103423978, 12);
  });

  it('makes heNormal std √(2/fanIn), where an uncorrected truncation would give 0.88 of it', () => {
    const s = summarize(heNormal({ seed: 99 }).apply([512, 256]));
    const target = Math.sqrt(2 / 512);
    expect(Math.abs(s.std - target)).toBeLessThan(tolerances(s.n, target).std);
    expect(Math.abs(s.std - TRUNCATED_STD * target)).toBeGreaterThan(0.1 * target);
  });
});

describe('degenerate shapes', () => {
  it('makes empty tensors for a zero-sized dimension', () => {
    expect(heNormal({ seed: 1 }).apply([0, 4]).shape).toEqual([0, 4]);
    expect(glorotUniform({ seed: 1 }).apply([3, 3, 0, 8]).size).toBe(0);
    expect(randomNormal({ seed: 1 }).apply([0]).size).toBe(0);
  });

  it('treats a scalar weight as fan 1 (Keras), giving a single finite value', () => {
    const v = heUniform({ seed: 1 }).apply([]).item();
    expect(Number.isFinite(v)).toBe(true);
    expect(Math.abs(v)).toBeLessThanOrEqual(Math.fround(Math.sqrt(6)));
  });

  it('allows stddev 0 and minval = maxval', () => {
    expect(Array.from(randomNormal({ mean: 2, stddev: 0, seed: 1 }).apply([3]).dataSync())).toEqual([2, 2, 2]);
    expect(Array.from(randomUniform({ minval: 4, maxval: 4, seed: 1 }).apply([2]).dataSync())).toEqual([4, 4]);
  });
});
