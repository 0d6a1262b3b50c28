import * as rf from '@rectify/rectify';
import { PROBES, twoMoons } from './two-moons.js';

export const MODEL_URL = 'indexeddb://two-moons';

/**
 * Trains a fresh 2-16-16-1 ReLU classifier on two moons with the active backend, calling `onEpoch` with each
 * epoch's mean loss. Seeded: the same weights and batches whichever backend runs it.
 * @example const model = await trainClassifier(12, (epoch, loss) => console.log(epoch, loss));
 */
export async function trainClassifier(
  epochs: number,
  onEpoch: (epoch: number, loss: number) => void,
): Promise<rf.Sequential> {
  rf.setSeed(7);
  const { x, y } = twoMoons(128, 0.1, 1);
  const model = rf.sequential([
    rf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal', inputShape: [2] }),
    rf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: 'heNormal' }),
    rf.layers.dense({ units: 1 }),
  ]);
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.02 }),
    loss: rf.losses.binaryCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
  });
  await model.fit(x, y, {
    epochs,
    batchSize: 32,
    seed: 3,
    verbose: 0,
    callbacks: [
      new rf.callbacks.LambdaCallback({ onEpochEnd: (epoch, logs) => onEpoch(epoch, Number(logs?.['loss'])) }),
    ],
  });
  x.dispose();
  y.dispose();
  return model;
}

/**
 * The probability of the lower moon at each of PROBES, exactly as the model computes it.
 * @example probePredictions(model); // [0.01, 0.02, …]
 */
export function probePredictions(model: rf.LayersModel): number[] {
  return rf.tidy(() =>
    Array.from(rf.sigmoid(model.predict(rf.tensor(PROBES.flat(), [PROBES.length, 2])) as rf.Tensor).dataSync()),
  );
}
