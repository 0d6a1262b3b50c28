import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Tensor, ValueError, randomNormal, tensor } from '@rectify/tensor';
import { dense, flatten, transformerEncoder } from '@rectify/layers';
import {
  ActivationMonitor,
  type CallbackModel,
  EarlyStopping,
  LambdaCallback,
  LearningRateScheduler,
  ModelCheckpoint,
  ReduceLROnPlateau,
} from '../src/callbacks/index.js';
import '../src/index.node.js'; // ModelCheckpoint saves to folders: the file:// handler, as importing @rectify/rectify under Node registers it
import { sequential } from '../src/models/index.js';
import { SGD, schedules, sgd } from '../src/optimizers/index.js';
import { fresh, linearData, values } from './helpers.js';

/** A stand-in for a model: weights are plain tensors, save is recorded. */
function stubModel(lr = 1): CallbackModel & { weights: Tensor[]; saves: string[] } {
  const m = {
    stopTraining: false,
    optimizer: new SGD({ learningRate: lr }),
    weights: [tensor([0])],
    saves: [] as string[],
    getWeights: () => m.weights.map((w) => tensor(values(w))),
    setWeights: (ws: readonly Tensor[]) => void (m.weights = ws.map((w) => tensor(values(w)))),
    save: async (p: string) => void m.saves.push(p),
  };
  return m;
}

/** Feeds `series[i]` as logs[key] to the callback's onEpochEnd, stopping when the model asks to. */
function drive(
  cb: EarlyStopping | ReduceLROnPlateau,
  model: ReturnType<typeof stubModel>,
  key: string,
  series: number[],
  onEach?: (epoch: number) => void,
): number {
  cb.setModel(model);
  cb.onTrainBegin();
  for (let epoch = 0; epoch < series.length; epoch++) {
    model.weights = [tensor([epoch])];
    cb.onEpochEnd(epoch, { [key]: series[epoch]! });
    onEach?.(epoch);
    if (model.stopTraining) return epoch;
  }
  return -1;
}

describe('callback hooks', () => {
  it('run in TensorFlow.js order, awaiting async hooks', async () => {
    fresh();
    const { x, y } = linearData(4);
    const m = sequential([dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const calls: string[] = [];
    let slowDone = false;
    await m.fit(x, y, {
      epochs: 2,
      batchSize: 2,
      verbose: 0,
      callbacks: [
        {
          onTrainBegin: () => void calls.push('trainBegin'),
          onEpochBegin: (e) => void calls.push(`epochBegin ${e} ${slowDone}`),
          onBatchBegin: (b) => void calls.push(`batchBegin ${b}`),
          onBatchEnd: (b, logs) => void calls.push(`batchEnd ${b} ${typeof logs['loss']}`),
          onEpochEnd: async (e) => {
            await new Promise((r) => setTimeout(r, 5));
            slowDone = true;
            calls.push(`epochEnd ${e}`);
          },
          onTrainEnd: () => void calls.push('trainEnd'),
        },
        new LambdaCallback({ onTrainEnd: () => void calls.push('lambda trainEnd') }),
      ],
    });
    expect(calls).toEqual([
      'trainBegin',
      'epochBegin 0 false',
      'batchBegin 0',
      'batchEnd 0 number',
      'batchBegin 1',
      'batchEnd 1 number',
      'epochEnd 0',
      'epochBegin 1 true',
      'batchBegin 0',
      'batchEnd 0 number',
      'batchBegin 1',
      'batchEnd 1 number',
      'epochEnd 1',
      'trainEnd',
      'lambda trainEnd',
    ]);
  });
});

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement', () => {
    const es = new EarlyStopping({ patience: 2 });
    expect(drive(es, stubModel(), 'val_loss', [1, 0.9, 0.95, 0.96, 0.97, 0.5])).toBe(3);
    expect(es.stoppedEpoch).toBe(3);
    expect(es.best).toBe(0.9);
  });
  it('treats changes below minDelta as no improvement', () => {
    expect(drive(new EarlyStopping({ patience: 1, minDelta: 0.1 }), stubModel(), 'val_loss', [1, 0.95, 0.5])).toBe(1);
  });
  it('maximises accuracy-like keys in auto mode', () => {
    expect(
      drive(
        new EarlyStopping({ monitor: 'val_accuracy', patience: 1 }),
        stubModel(),
        'val_accuracy',
        [0.5, 0.6, 0.7, 0.65, 0.9],
      ),
    ).toBe(3);
  });
  it('stops when the baseline is not beaten within patience epochs (Keras semantics)', () => {
    expect(
      drive(
        new EarlyStopping({ monitor: 'loss', patience: 2, baseline: 0.5 }),
        stubModel(),
        'loss',
        [0.9, 0.8, 0.7, 0.4],
      ),
    ).toBe(1);
    expect(
      drive(
        new EarlyStopping({ monitor: 'loss', patience: 2, baseline: 0.5 }),
        stubModel(),
        'loss',
        [0.9, 0.4, 0.45, 0.46, 0.1],
      ),
    ).toBe(3);
  });
  it('restores the weights of the best epoch', () => {
    const model = stubModel();
    drive(new EarlyStopping({ patience: 2, restoreBestWeights: true }), model, 'val_loss', [1, 0.5, 0.7, 0.8]);
    expect(values(model.weights[0]!)).toEqual([1]);
  });
  it('warns once when the key is missing, and rejects bad options', () => {
    const es = new EarlyStopping();
    const warnings: string[] = [];
    const orig = console.warn;
    console.warn = (m: string) => void warnings.push(m);
    try {
      drive(es, stubModel(), 'loss', [1, 2, 3]);
    } finally {
      console.warn = orig;
    }
    expect(warnings).toEqual(["EarlyStopping: 'val_loss' is not in the logs (available: loss); it is skipped"]);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(
      new ValueError('EarlyStopping: patience must be a non-negative integer, received -1'),
    );
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(
      "EarlyStopping: mode must be one of 'auto', 'min', 'max', received \"up\"",
    );
  });
  it('ends a real fit early', async () => {
    fresh();
    const { x, y } = linearData(16);
    const m = sequential([dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: sgd({ learningRate: 0 }), loss: 'mse' }); // a flat loss never improves
    const h = await m.fit(x, y, {
      epochs: 20,
      verbose: 0,
      callbacks: [new EarlyStopping({ monitor: 'loss', patience: 2 })],
    });
    expect(h.epoch).toEqual([0, 1, 2]);
  });
});

describe('ReduceLROnPlateau', () => {
  it('multiplies the rate by factor after patience epochs, then cools down, never below minLr', () => {
    const model = stubModel(1);
    const lrs: number[] = [];
    const cb = new ReduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 1, cooldown: 1, minLr: 0.3 });
    drive(cb, model, 'loss', [1, 1, 1, 1, 1, 1, 0.5, 0.5], () => lrs.push(model.optimizer!.learningRate));
    expect(lrs).toEqual([1, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3]);
  });
  it('counts an improvement only beyond minDelta', () => {
    const model = stubModel(1);
    const lrs: number[] = [];
    drive(
      new ReduceLROnPlateau({ monitor: 'loss', factor: 0.1, patience: 2, minDelta: 0.01 }),
      model,
      'loss',
      [1, 0.995, 0.99, 0.5],
      () => lrs.push(model.optimizer!.learningRate),
    );
    expect(lrs.map((v) => Number(v.toPrecision(6)))).toEqual([1, 1, 0.1, 0.1]);
  });
  it('refuses a schedule and a factor of 1 or more', () => {
    const model = stubModel();
    model.optimizer!.learningRate = schedules.stepDecay({ initialLearningRate: 1, stepSize: 5 });
    const cb = new ReduceLROnPlateau();
    cb.setModel(model);
    expect(() => cb.onEpochEnd(0, { val_loss: 1 })).toThrow(
      "ReduceLROnPlateau: the optimizer's learning rate is a schedule (stepDecay); use a fixed learning rate or drop this callback",
    );
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow('ReduceLROnPlateau: factor must be below 1, received 1');
  });
});

describe('ActivationMonitor (unit)', () => {
  it('watches the chosen layers on a given probe and needs a probe outside fit', () => {
    fresh();
    const m = sequential([
      dense({ units: 4, activation: 'relu', inputShape: [2], name: 'h' }),
      dense({ units: 1, activation: 'sigmoid', name: 'o' }),
    ]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const probe = {
      x: tensor([
        [1, -1],
        [-1, 1],
        [2, 2],
      ]),
      y: tensor([[1], [0], [1]]),
    };
    const mon = new ActivationMonitor({ probe, layers: ['h'] });
    mon.setModel(m);
    const r = mon.record(0);
    expect(Object.keys(r.layers)).toEqual(['h']);
    const h = r.layers['h']!;
    expect(h.activation).toBe('relu');
    expect(h.units).toBe(4);
    expect(h.deadUnits).toBe(Math.round(h.deadFraction * 4));
    expect(h.gradNorm).toBeGreaterThan(0);
    const typo = new ActivationMonitor({ probe, layers: ['hh'] });
    typo.setModel(m);
    expect(() => typo.record(0)).toThrow("layerActivity: options.layers names no layer 'hh' (did you mean 'h'?)");
    const bare = new ActivationMonitor();
    bare.setModel(m);
    expect(() => bare.record(0)).toThrow(
      'ActivationMonitor: no probe batch; pass {probe: {x, y}} or use the monitor inside fit',
    );
    expect(() => new ActivationMonitor().setModel(stubModel())).toThrow(
      'ActivationMonitor: needs a Rectify model (sequential or model), received an object without layers/run',
    );
  });

  it("also watches layers nested inside others, such as a transformer block's feed-forward", () => {
    fresh();
    const m = sequential([
      transformerEncoder({ numHeads: 2, intermediateDim: 8, activation: 'gelu', inputShape: [3, 4], name: 'enc' }),
      flatten(),
      dense({ units: 1, name: 'o' }),
    ]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const probe = { x: randomNormal([2, 3, 4], 0, 1, 'float32', 5), y: tensor([[1], [0]]) };
    const mon = new ActivationMonitor({ probe });
    mon.setModel(m);
    const r = mon.record(0);
    const nested = Object.keys(r.layers).filter((n) => n.startsWith('enc'));
    expect(nested).toHaveLength(1);
    const ff = r.layers[nested[0]!]!;
    expect(ff.activation).toBe('gelu');
    expect(ff.units).toBe(8);
    expect(ff.gradNorm).toBeGreaterThan(0);
  });
});

describe('LearningRateScheduler', () => {
  it('sets the rate each epoch and logs it', async () => {
    fresh();
    const { x, y } = linearData(8);
    const m = sequential([dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    const h = await m.fit(x, y, {
      epochs: 3,
      verbose: 0,
      callbacks: [new LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr / 2))],
    });
    expect(h.history['learningRate']).toEqual([0.1, 0.05, 0.025]);
    expect(() => new LearningRateScheduler(0.1 as never)).toThrow(
      'LearningRateScheduler: schedule must be a function (epoch, lr) => number, received number',
    );
  });
});

describe('ModelCheckpoint', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('fills {epoch} and log keys into the path, and with saveBestOnly saves only improvements', async () => {
    const model = stubModel();
    const cb = new ModelCheckpoint({ filepath: 'ckpt/e{epoch}-{val_loss}', saveBestOnly: true });
    cb.setModel(model);
    for (const [epoch, v] of [1, 0.5, 0.7, 0.25].entries()) await cb.onEpochEnd(epoch, { val_loss: v });
    expect(model.saves).toEqual(['ckpt/e1-1.0000', 'ckpt/e2-0.5000', 'ckpt/e4-0.2500']);
  });
  it('writes loadable checkpoints during a real fit', async () => {
    fresh();
    const dir = await mkdtemp(join(tmpdir(), 'rectify-ckpt-'));
    dirs.push(dir);
    const { x, y } = linearData(8);
    const m = sequential([dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    await m.fit(x, y, {
      epochs: 2,
      verbose: 0,
      callbacks: [new ModelCheckpoint({ filepath: join(dir, 'epoch{epoch}') })],
    });
    expect((await readdir(dir)).sort()).toEqual(['epoch1', 'epoch2']);
    expect((await readdir(join(dir, 'epoch2'))).filter((f) => f === 'model.json')).toEqual(['model.json']);
  });
});
