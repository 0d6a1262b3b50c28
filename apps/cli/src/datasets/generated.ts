import { PRNGKey } from '@rectify/tensor';
import { finishDataset } from './finish.js';
import { SPLIT_SEED, TEST_FRACTION } from './package-files.js';
import type { DatasetDefinition, LoadOptions, Split } from './types.js';

/** Generated data uses its own fixed key, so the points do not change with the training seed. */
const DATA_KEY = PRNGKey.fromSeed(7);

function twoMoonsPoints(n: number, noise: number): Split {
  const [kAngle, kNoise] = DATA_KEY.fold(1).split(2) as [PRNGKey, PRNGKey];
  const u = kAngle.uniform(n);
  const z = kNoise.normal(2 * n);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * u[i]!;
    x[2 * i] = (label ? 1 - Math.cos(t) : Math.cos(t)) + noise * z[2 * i]!;
    x[2 * i + 1] = (label ? 0.5 - Math.sin(t) : Math.sin(t)) + noise * z[2 * i + 1]!;
    y[i] = label;
  }
  return { x, y, n };
}

function spiralPoints(n: number, noise: number): Split {
  const classes = 3;
  const [kRadius, kNoise] = DATA_KEY.fold(2).split(2) as [PRNGKey, PRNGKey];
  const u = kRadius.uniform(n);
  const z = kNoise.normal(n);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % classes;
    const r = u[i]!;
    // Each arm turns 1.75 times around the origin; arms are rotated by a third of a circle.
    const theta = 1.75 * 2 * Math.PI * r + (2 * Math.PI * label) / classes + noise * z[i]!;
    x[2 * i] = r * Math.cos(theta);
    x[2 * i + 1] = r * Math.sin(theta);
    y[i] = label;
  }
  return { x, y, n };
}

function generated(name: string, numClasses: number, points: Split, options: LoadOptions) {
  return finishDataset(
    {
      name,
      task: 'classification',
      inputShape: [2],
      targetShape: [],
      numClasses,
      classNames: Array.from({ length: numClasses }, (_, c) => String(c)),
      featureNames: ['x', 'y'],
    },
    { all: points, testFraction: TEST_FRACTION, splitSeed: SPLIT_SEED },
    options,
  );
}

/** Two interleaving half-moons with Gaussian noise: the classic non-linear two-class toy problem. */
export const twoMoons: DatasetDefinition = {
  name: 'two-moons',
  task: 'classification',
  summary: 'two interleaving half-moons with Gaussian noise (options: samples, noise)',
  size: '1,000 × 2, 2 classes (800 / 200)',
  source: 'generated (seeded)',
  available: () => true,
  load: (options) => generated('two-moons', 2, twoMoonsPoints(options.samples ?? 1000, options.noise ?? 0.1), options),
};

/** Three interleaved spiral arms: needs a deeper network than two-moons. */
export const spirals: DatasetDefinition = {
  name: 'spirals',
  task: 'classification',
  summary: 'three interleaved spiral arms (options: samples, noise)',
  size: '1,500 × 2, 3 classes (1,200 / 300)',
  source: 'generated (seeded)',
  available: () => true,
  load: (options) => generated('spirals', 3, spiralPoints(options.samples ?? 1500, options.noise ?? 0.1), options),
};

/** `n + seqLen` points of a sum of two sines (periods 20 and 7.3 steps) with Gaussian noise. */
export function sineSeries(length: number, noise: number): Float32Array {
  const z = DATA_KEY.fold(3).normal(length);
  return Float32Array.from(
    { length },
    (_, t) => Math.sin((2 * Math.PI * t) / 20) + 0.5 * Math.sin((2 * Math.PI * t) / 7.3) + noise * z[t]!,
  );
}

/** Every window of `seqLen` consecutive values of `series` (shape `[seqLen, 1]`); the target is the value after it. */
function seriesWindows(series: Float32Array, seqLen: number): Split {
  const n = Math.max(0, series.length - seqLen);
  const x = new Float32Array(n * seqLen);
  const y = new Float32Array(n);
  for (let w = 0; w < n; w++) {
    x.set(series.subarray(w, w + seqLen), w * seqLen);
    y[w] = series[w + seqLen]!;
  }
  return { x, y, n };
}

/**
 * A noisy periodic signal cut into windows for next-value regression: the toy problem for recurrent and 1-D conv
 * models (the persistence forecast, "the next value is the last one", is the baseline to beat). The last 20 % of
 * the series is the test split — contiguous, so no test window overlaps a training window.
 */
export const sineSeriesDataset: DatasetDefinition = {
  name: 'sine-series',
  task: 'regression',
  summary: 'a noisy sum of two sines as windows of seqLen steps; target: the next value (options: samples, noise)',
  size: '1,000 windows × 32 × 1 (800 / 200)',
  source: 'generated (seeded)',
  available: () => true,
  load(options) {
    const seqLen = options.seqLen ?? 32;
    const samples = options.samples ?? 1000;
    const series = sineSeries(samples + 2 * seqLen, options.noise ?? 0.05);
    const cut = Math.floor(samples * (1 - TEST_FRACTION)) + seqLen;
    return finishDataset(
      {
        name: 'sine-series',
        task: 'regression',
        inputShape: [seqLen, 1],
        targetShape: [],
        numClasses: 1,
      },
      { train: seriesWindows(series.subarray(0, cut), seqLen), test: seriesWindows(series.subarray(cut), seqLen) },
      { ...options, standardize: false },
    );
  },
};
