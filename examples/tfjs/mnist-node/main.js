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
// require('@tensorflow/tfjs-node') (the native backend) is left out, and so are argparse and the progress bar: the
// caller passes main(epochs, batchSize, modelSavePath) and `log` stands for console.log.
import data from './data.js';
import model from './model.js';

export async function main(epochs, batchSize, modelSavePath, log = console.log) {
  await data.loadData();

  const { images: trainImages, labels: trainLabels } = data.getTrainData();
  model.summary();

  let epochBeginTime;
  let millisPerStep;
  const validationSplit = 0.15;
  const numTrainExamplesPerEpoch = trainImages.shape[0] * (1 - validationSplit);
  const numTrainBatchesPerEpoch = Math.ceil(numTrainExamplesPerEpoch / batchSize);
  await model.fit(trainImages, trainLabels, {
    epochs,
    batchSize,
    validationSplit,
    callbacks: {
      onEpochBegin: async (epoch) => {
        log(`Epoch ${epoch + 1} / ${epochs}`);
        epochBeginTime = tf.util.now();
      },
      onBatchEnd: async (batch, logs) => {
        if (batch === numTrainBatchesPerEpoch - 1) {
          millisPerStep = (tf.util.now() - epochBeginTime) / numTrainExamplesPerEpoch;
        }
        await tf.nextFrame();
      },
      onEpochEnd: async (epoch, logs) => {
        log(
          `Loss: ${logs.loss.toFixed(3)} (train), ` +
            `${logs.val_loss.toFixed(3)} (val); ` +
            `Accuracy: ${logs.acc.toFixed(3)} (train), ` +
            `${logs.val_acc.toFixed(3)} (val) ` +
            `(${millisPerStep.toFixed(2)} ms/step)`,
        );
        await tf.nextFrame();
      },
    },
  });

  const { images: testImages, labels: testLabels } = data.getTestData();
  const evalOutput = model.evaluate(testImages, testLabels);

  log(
    `\nEvaluation result:\n` +
      `  Loss = ${evalOutput[0].dataSync()[0].toFixed(3)}; ` +
      `Accuracy = ${evalOutput[1].dataSync()[0].toFixed(3)}`,
  );

  if (modelSavePath != null) {
    await model.save(`file://${modelSavePath}`);
    log(`Saved model to path: ${modelSavePath}`);
  }
  return evalOutput.map((t) => t.dataSync()[0]);
}
