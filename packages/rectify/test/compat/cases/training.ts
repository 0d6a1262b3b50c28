import type { Optimizer } from '@tensorflow/tfjs-core';
import type { CompatCase, Tf } from '../harness.js';

/** Five minimize steps of a least-squares fit with optimizer `make(lib)`; returns the weights. */
function minimizeSteps(make: (lib: Tf) => Optimizer) {
  return (lib: Tf) => {
    const x = lib.tensor([
      [1, 2],
      [3, -1],
      [0.5, 0.25],
    ]);
    const y = lib.tensor([1, -2, 0.5]);
    const w = lib.variable(lib.tensor([0.1, -0.2]));
    const opt = make(lib);
    const costs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const cost = opt.minimize(() => lib.mean(lib.square(lib.sub(lib.sum(lib.mul(x, w), 1), y))), true, [w])!;
      costs.push(cost.dataSync()[0]!);
    }
    const out = { w: lib.tensor(w.dataSync(), w.shape), costs };
    w.dispose();
    return out;
  };
}

const labels = [
  [1, 0, 0],
  [0, 1, 0],
];
const probabilities = [
  [0.7, 0.2, 0.1],
  [0.3, 0.6, 0.1],
];
const logits = [
  [2, -1, 0.5],
  [-0.3, 1.2, 0.1],
];

/** Optimizers, losses and callbacks: the training half of tfjs' API. */
export const trainingCases: CompatCase[] = [
  { symbol: 'train.sgd', run: minimizeSteps((lib) => lib.train.sgd(0.05)) },
  { symbol: 'train.momentum', run: minimizeSteps((lib) => lib.train.momentum(0.05, 0.9, true)) },
  { symbol: 'train.adam', run: minimizeSteps((lib) => lib.train.adam(0.01, 0.9, 0.999, 1e-8)) },
  { symbol: 'train.adamax', run: minimizeSteps((lib) => lib.train.adamax(0.01, 0.9, 0.99, undefined, 0.01)) },
  { symbol: 'train.adadelta', run: minimizeSteps((lib) => lib.train.adadelta(1, 0.9)) },
  { symbol: 'train.adagrad', run: minimizeSteps((lib) => lib.train.adagrad(0.1, 0.2)) },
  { symbol: 'train.rmsprop', run: minimizeSteps((lib) => lib.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true)) },
  {
    symbol: 'Reduction',
    run: (lib) => [lib.Reduction.NONE, lib.Reduction.MEAN, lib.Reduction.SUM, lib.Reduction.SUM_BY_NONZERO_WEIGHTS],
  },
  {
    symbol: 'losses.computeWeightedLoss',
    run: (lib) =>
      [0, 1, 2, 3].map((r) =>
        lib.losses.computeWeightedLoss(
          lib.tensor([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          lib.tensor([[1], [0]]),
          r,
        ),
      ),
  },
  {
    symbol: 'losses.meanSquaredError',
    run: (lib) => [
      lib.losses.meanSquaredError(labels, probabilities),
      lib.losses.meanSquaredError(labels, probabilities, [[2], [0.5]], lib.Reduction.MEAN),
    ],
  },
  {
    symbol: 'losses.absoluteDifference',
    run: (lib) => [
      lib.losses.absoluteDifference(labels, probabilities),
      lib.losses.absoluteDifference(labels, probabilities, [1, 0, 2], lib.Reduction.SUM),
    ],
  },
  {
    symbol: 'losses.huberLoss',
    run: (lib) => [
      lib.losses.huberLoss(labels, logits),
      lib.losses.huberLoss(labels, logits, undefined, 0.5, lib.Reduction.NONE),
    ],
  },
  {
    symbol: 'losses.logLoss',
    run: (lib) => [
      lib.losses.logLoss(labels, probabilities),
      lib.losses.logLoss(labels, probabilities, [[1], [3]], 1e-4),
    ],
  },
  { symbol: 'losses.hingeLoss', run: (lib) => lib.losses.hingeLoss(labels, logits, undefined, lib.Reduction.NONE) },
  {
    symbol: 'losses.cosineDistance',
    run: (lib) => [
      lib.losses.cosineDistance(labels, probabilities, 1),
      lib.losses.cosineDistance(labels, probabilities, 0),
    ],
  },
  {
    symbol: 'losses.sigmoidCrossEntropy',
    run: (lib) => [
      lib.losses.sigmoidCrossEntropy(labels, logits),
      lib.losses.sigmoidCrossEntropy(labels, logits, [[1], [2]], 0.1),
    ],
  },
  {
    symbol: 'losses.softmaxCrossEntropy',
    run: (lib) => [
      lib.losses.softmaxCrossEntropy(labels, logits),
      lib.losses.softmaxCrossEntropy(labels, logits, [2, 1], 0.2, lib.Reduction.NONE),
    ],
  },
  {
    symbol: 'callbacks.earlyStopping',
    // A rate of 0 never improves val_loss: tfjs and Rectify must stop after the same number of epochs.
    run: async (lib) => {
      const model = lib.sequential({
        layers: [lib.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })],
      });
      model.compile({ optimizer: lib.train.sgd(0), loss: 'meanSquaredError' });
      const x = lib.tensor([[1], [2]]);
      const y = lib.tensor([[1], [2]]);
      const stop = lib.callbacks.earlyStopping({ monitor: 'val_loss', patience: 2 });
      const history = await model.fit(x, y, { epochs: 10, verbose: 0, validationData: [x, y], callbacks: [stop] });
      return history.history['loss']!.length;
    },
  },
];
