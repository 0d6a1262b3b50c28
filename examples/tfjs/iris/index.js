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

// Original: import * as tf from '@tensorflow/tfjs';
import * as tf from '@rectify/rectify';

import * as data from './data.js';

// The user interface (tfjs-vis charts, the confusion matrix, buttons, hosted and locally saved models) is left out;
// `params` stands for ui.loadTrainParametersFromUI().

/**
 * Train a `tf.Model` to recognize Iris flower type.
 *
 * @param xTrain Training feature data, a `tf.Tensor` of shape
 *   [numTrainExamples, 4]. The second dimension include the features
 *   petal length, petalwidth, sepal length and sepal width.
 * @param yTrain One-hot training labels, a `tf.Tensor` of shape
 *   [numTrainExamples, 3].
 * @param xTest Test feature data, a `tf.Tensor` of shape [numTestExamples, 4].
 * @param yTest One-hot test labels, a `tf.Tensor` of shape
 *   [numTestExamples, 3].
 * @returns The trained `tf.Model` instance.
 */
export async function trainModel(xTrain, yTrain, xTest, yTest, params) {
  // Define the topology of the model: two dense layers.
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, activation: 'sigmoid', inputShape: [xTrain.shape[1]] }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.summary();

  const optimizer = tf.train.adam(params.learningRate);
  model.compile({
    optimizer: optimizer,
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });

  const trainLogs = [];
  const beginMs = performance.now();
  // Call `model.fit` to train the model.
  const history = await model.fit(xTrain, yTrain, {
    epochs: params.epochs,
    validationData: [xTest, yTest],
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        // Plot the loss and accuracy values at the end of every training epoch.
        const secPerEpoch = (performance.now() - beginMs) / (1000 * (epoch + 1));
        trainLogs.push(logs);
      },
    },
  });
  return model;
}

/**
 * Run inference on some test Iris flower data.
 *
 * @param model The instance of `tf.Model` to run the inference with.
 * @param xTest Test data feature, a `tf.Tensor` of shape [numTestExamples, 4].
 * @param yTest Test true labels, one-hot encoded, a `tf.Tensor` of shape
 *   [numTestExamples, 3].
 * @returns The true and the predicted class of every test example (what the UI renders as a table).
 */
export async function evaluateModelOnTestData(model, xTest, yTest) {
  return tf.tidy(() => {
    const xData = xTest.dataSync();
    const yTrue = yTest.argMax(-1).dataSync();
    const predictOut = model.predict(xTest);
    const yPred = predictOut.argMax(-1);
    return { yTrue: Array.from(yTrue), yPred: Array.from(yPred.dataSync()) };
  });
}

/**
 * The main function of the Iris demo: train from scratch, then evaluate on the test data.
 */
export async function iris(params = { epochs: 40, learningRate: 0.01 }) {
  const [xTrain, yTrain, xTest, yTest] = data.getIrisData(0.15);
  const model = await trainModel(xTrain, yTrain, xTest, yTest, params);
  return evaluateModelOnTestData(model, xTest, yTest);
}
