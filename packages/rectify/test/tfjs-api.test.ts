import { describe, expect, it } from 'vitest';
import { type Tensor, ValueError, dispose, tensor } from '@rectify/tensor';
import { dense } from '@rectify/layers';
import * as rf from '../src/index.js';
import { fresh, linearData } from './helpers.js';

/** Four points of two classes, one-hot, and a small classifier compiled with `metrics`. */
function classifier(metrics: string[]): { model: rf.Sequential; x: Tensor; y: Tensor } {
  fresh();
  const model = rf.sequential({
    layers: [dense({ units: 4, activation: 'tanh', inputShape: [2] }), dense({ units: 2, activation: 'softmax' })],
  });
  model.compile({ optimizer: rf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics });
  return {
    model,
    x: tensor([
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
    ]),
    y: tensor([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ]),
  };
}

describe('model.evaluate (TensorFlow.js return types)', () => {
  it('returns [loss, ...metrics] as Scalars, equal to the returnDict numbers', () => {
    const { model, x, y } = classifier(['acc']);
    const out = model.evaluate(x, y) as Tensor[];
    const dict = model.evaluate(x, y, { returnDict: true });
    expect(Object.keys(dict)).toEqual(['loss', 'acc']);
    expect(out.map((t) => t.rank)).toEqual([0, 0]);
    expect(out.map((t) => t.item())).toEqual([dict['loss'], dict['acc']]);
    dispose(out);
  });

  it('returns one Scalar when there are no metrics', () => {
    fresh();
    const { x, y } = linearData(8);
    const m = rf.sequential([dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const loss = m.evaluate(x, y) as Tensor;
    expect(loss.rank).toBe(0);
    expect(loss.item()).toBeCloseTo(m.evaluate(x, y, { returnDict: true })['loss']!, 6);
  });

  it('checks its options and prints with verbose: 1', () => {
    const { model, x, y } = classifier([]);
    expect(() => model.evaluate(x, y, { batch_size: 2 } as never)).toThrow(
      "evaluate: unknown option 'batch_size'; did you mean 'batchSize'?",
    );
    const lines: string[] = [];
    dispose(model.evaluate(x, y, { verbose: 1, printFn: (l) => lines.push(l) }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^loss: \d\.\d{4}$/);
  });
});

describe("metric names as the user wrote them ('acc', 'accuracy')", () => {
  it.each(['acc', 'accuracy'])('logs and history use the name as written, and val_ before it: %s', async (name) => {
    const { model, x, y } = classifier([name]);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, validationData: [x, y] });
    expect(Object.keys(history.history).sort()).toEqual(['loss', name, 'val_loss', `val_${name}`].sort());
    expect(history.history[name]!.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});

describe("sequential({ layers }) and model.add (TensorFlow.js' forms)", () => {
  it('builds the same model from {layers}, from a list, or by add()', () => {
    const a = rf.sequential({ layers: [dense({ units: 3, inputShape: [2] })], name: 'a' });
    const b = rf.sequential();
    b.add(dense({ units: 3, inputShape: [2] }));
    expect(a.name).toBe('a');
    expect(a.layers.length).toBe(1);
    expect(b.layers.length).toBe(1);
    expect(a.countParams()).toBe(b.countParams());
    expect(() => rf.sequential({ layer: [] } as never)).toThrow(
      "sequential: unknown option 'layer'; did you mean 'layers'?",
    );
  });
});

describe('compile and callbacks reject unknown options', () => {
  it('compile', () => {
    const m = rf.sequential([dense({ units: 1, inputShape: [2] })]);
    expect(() => m.compile({ optimizer: 'sgd', loss: 'mse', metric: ['mae'] } as never)).toThrow(
      "compile: unknown option 'metric'; did you mean 'metrics'?",
    );
  });

  it('callbacks', () => {
    expect(() => rf.callbacks.earlyStopping({ patients: 2 } as never)).toThrow(
      "EarlyStopping: unknown option 'patients'; did you mean 'patience'?",
    );
    expect(() => new rf.callbacks.ReduceLROnPlateau({ min_lr: 0 } as never)).toThrow("did you mean 'minLr'?");
    expect(() => new rf.callbacks.ModelCheckpoint({ filepath: 'x', save_best_only: true } as never)).toThrow(
      "did you mean 'saveBestOnly'?",
    );
    expect(() => new rf.callbacks.LambdaCallback({ onEpochEnds: () => {} } as never)).toThrow(
      "did you mean 'onEpochEnd'?",
    );
  });
});

describe('rf.callbacks.earlyStopping (tfjs spelling)', () => {
  it('stops when val_loss stops improving and says so with verbose: 1', async () => {
    const { model, x, y } = classifier([]);
    const lines: string[] = [];
    // A rate of 0 never improves anything: patience 1 stops after epoch 2.
    model.compile({ optimizer: rf.train.sgd(0), loss: 'categoricalCrossentropy' });
    const stop = rf.callbacks.earlyStopping({
      monitor: 'val_loss',
      minDelta: 0,
      patience: 1,
      verbose: 1,
      mode: 'min',
      printFn: (l) => lines.push(l),
    });
    const history = await model.fit(x, y, { epochs: 10, verbose: 0, validationData: [x, y], callbacks: stop });
    expect(history.history['loss']).toHaveLength(2);
    expect(lines).toEqual(['Epoch 2: early stopping']);
  });
});

describe('tfjs loss functions in compile', () => {
  it('rf.losses.meanSquaredError as a compile loss is stored as Keras mse', () => {
    const m = rf.sequential([dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'sgd', loss: rf.losses.meanSquaredError });
    expect(m.compiled!.trainingConfig.loss[0]).toEqual({ className: 'meanSquaredError', config: {} });
    m.compile({ optimizer: 'sgd', loss: rf.losses.absoluteDifference });
    expect(m.compiled!.losses[0]!.name).toBe('meanAbsoluteError');
  });

  it('any other tfjs loss trains as a function of (yTrue, yPred)', async () => {
    const { model, x, y } = classifier([]);
    model.compile({ optimizer: rf.train.adam(0.05), loss: (t: Tensor, p: Tensor) => rf.losses.logLoss(t, p) });
    const h = await model.fit(x, y, { epochs: 5, verbose: 0 });
    expect(h.history['loss']![4]!).toBeLessThan(h.history['loss']![0]!);
  });

  it('Reduction and computeWeightedLoss reject an unknown reduction', () => {
    expect(() => rf.losses.computeWeightedLoss(tensor([1]), null, 7 as never)).toThrow(ValueError);
  });
});

describe("tfjs' 'acc' spelling of accuracy in logs", () => {
  it("logs.acc / val_acc read 'accuracy' / 'val_accuracy' but are not keys of the logs or the history", async () => {
    const { model, x, y } = classifier(['accuracy']);
    const seen: { acc: number; accuracy: number; valAcc: number; valAccuracy: number; keys: string[] }[] = [];
    const history = await model.fit(x, y, {
      epochs: 2,
      verbose: 0,
      validationData: [x, y],
      callbacks: {
        onEpochEnd: (_e, logs) =>
          void seen.push({
            acc: logs['acc']!,
            accuracy: logs['accuracy']!,
            valAcc: logs['val_acc']!,
            valAccuracy: logs['val_accuracy']!,
            keys: Object.keys(logs),
          }),
      },
    });
    for (const s of seen) {
      expect(s.acc).toBe(s.accuracy);
      expect(s.valAcc).toBe(s.valAccuracy);
      expect(s.keys).not.toContain('acc');
    }
    expect(history.history['acc']).toBe(history.history['accuracy']);
    expect(Object.keys(history.history)).not.toContain('acc');
  });
});
