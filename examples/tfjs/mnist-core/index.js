/**
 * @license
 * Copyright 2018 Google LLC All Rights Reserved.
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

// Original: no TensorFlow.js import in this file (model.js and data.js have it).
import { MnistData } from './data.js';
import * as model from './model.js';

// The user interface (ui.js: status line, training log, the test images with their predictions) is left out;
// `log` stands for ui.trainingLog, and test() returns what ui.showTestResults would draw.

let data;
async function load() {
  data = new MnistData();
  await data.load();
}

async function train(log) {
  await model.train(data, log);
}

async function test() {
  const testExamples = 50;
  const batch = data.nextTestBatch(testExamples);
  const predictions = model.predict(batch.xs);
  const labels = model.classesFromLabel(batch.labels);

  return { predictions, labels };
}

export async function mnist(log = console.log) {
  await load();
  await train(log);
  return test();
}
