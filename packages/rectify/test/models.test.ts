import { describe, expect, it } from 'vitest';
import { RectifyError, ShapeError, type Tensor, ValueError, tensor } from '@rectify/tensor';
import { type SymbolicTensor, add, concatenate, dense, input } from '@rectify/layers';
import { Model, Sequential, model as functionalModel, sequential } from '../src/models/index.js';
import { sgd } from '../src/optimizers/index.js';
import { fresh, linearData, values } from './helpers.js';

describe('Sequential', () => {
  it('builds from the first layer’s inputShape, a leading input(), or the first batch', () => {
    fresh();
    expect(sequential([dense({ units: 3, inputShape: [2] }), dense({ units: 1 })]).built).toBe(true);
    const viaInput = sequential([input({ shape: [2] }), dense({ units: 3 })]);
    expect(viaInput.built).toBe(true);
    expect(viaInput.countParams()).toBe(9);
    const lazy = sequential([dense({ units: 3 }), dense({ units: 1 })]);
    expect(lazy.built).toBe(false);
    expect((lazy.predict(tensor([[1, 2, 3]])) as never as { shape: number[] }).shape).toEqual([1, 1]);
    expect(lazy.built).toBe(true);
    expect(lazy.countParams()).toBe(3 * 3 + 3 + 3 + 1);
  });

  it('builds layers added after it is built', () => {
    fresh();
    const m = sequential([dense({ units: 3, inputShape: [2] })]);
    m.add(dense({ units: 5 }));
    expect(m.layers[1]!.built).toBe(true);
    expect(m.trainableWeights.map((w) => w.shape)).toEqual([[2, 3], [3], [3, 5], [5]]);
  });

  it('rejects non-layers and duplicate names', () => {
    fresh();
    const m = sequential();
    m.add(dense({ units: 1, name: 'a' }));
    expect(() => m.add(dense({ units: 1, name: 'a' }))).toThrow(
      new ValueError("sequential.add: layer names must be unique, 'a' is already in the model"),
    );
    expect(() => m.add({} as never)).toThrow('sequential.add: expected a Layer, received Object');
    expect(() => sequential([], { name: 'empty' }).predict(tensor([[1]]))).toThrow(
      'empty: the model has no layers; add some before calling it',
    );
  });

  it('round-trips through getConfig/fromConfig', () => {
    fresh(2);
    const m = sequential([
      dense({ units: 4, activation: 'relu', inputShape: [3] }),
      dense({ units: 2, activation: 'softmax' }),
    ]);
    const copy = Sequential.fromConfig(JSON.parse(JSON.stringify(m.getConfig())));
    copy.setWeights(m.getWeights());
    const x = tensor([[1, -2, 0.5]]);
    expect(values(copy.predict(x) as never)).toEqual(values(m.predict(x) as never));
    expect(copy.getConfig()).toEqual(m.getConfig());
  });
});

describe('functional Model', () => {
  it('trains a graph with a skip connection', async () => {
    fresh(4);
    const x = input({ shape: [2] });
    const h = dense({ units: 8, activation: 'tanh' }).apply(x) as SymbolicTensor;
    const y = dense({ units: 1 }).apply(concatenate().apply([h, x])) as SymbolicTensor;
    const m = functionalModel({ inputs: x, outputs: y });
    m.compile({ optimizer: sgd({ learningRate: 0.05 }), loss: 'mse' });
    const data = linearData(64);
    const h0 = (m.evaluate(data.x, data.y) as Tensor).item();
    await m.fit(data.x, data.y, { epochs: 20, batchSize: 16, verbose: 0, seed: 1 });
    expect((m.evaluate(data.x, data.y) as Tensor).item()).toBeLessThan(h0 / 10);
    expect(m.layers.map((l) => l.className)).toEqual(['InputLayer', 'Dense', 'Concatenate', 'Dense']);
  });

  it('has per-output losses, weights and metric names with several outputs', async () => {
    fresh();
    const x = input({ shape: [2] });
    const a = dense({ units: 1, name: 'regression' }).apply(x) as SymbolicTensor;
    const b = dense({ units: 3, name: 'classes' }).apply(x) as SymbolicTensor;
    const m = functionalModel({ inputs: x, outputs: [a, b] });
    m.compile({
      optimizer: 'sgd',
      loss: ['mse', { className: 'sparseCategoricalCrossentropy', config: { fromLogits: true } }],
      lossWeights: [1, 0.5],
      metrics: [['mae'], ['accuracy']],
    });
    const xs = tensor([
      [1, 2],
      [0, 1],
      [2, 0],
    ]);
    const ys = [tensor([[1], [0], [2]]), tensor([0, 2, 1])];
    const before = m.evaluate(xs, ys, { returnDict: true });
    expect(Object.keys(before)).toEqual([
      'loss',
      'regression_loss',
      'classes_loss',
      'regression_mae',
      'classes_accuracy',
    ]);
    expect(before['loss']).toBeCloseTo(before['regression_loss']! + 0.5 * before['classes_loss']!, 5);
    const h = await m.fit(xs, ys, { epochs: 2, verbose: 0 });
    expect(Object.keys(h.history)).toEqual(Object.keys(before));
    const preds = m.predict(xs) as never as unknown[];
    expect(preds).toHaveLength(2);
    expect(() => m.compile({ optimizer: 'sgd', loss: ['mse'] })).toThrow(
      'compile: loss lists 1 losses for a model with 2 outputs',
    );
  });

  it('nests a Sequential model as a layer', async () => {
    fresh();
    const inner = sequential([dense({ units: 4, activation: 'relu', inputShape: [2] })], { name: 'inner' });
    const x = input({ shape: [2] });
    const y = dense({ units: 1 }).apply(
      add().apply([inner.apply(x) as SymbolicTensor, dense({ units: 4 }).apply(x) as SymbolicTensor]),
    );
    const m = new Model({ inputs: x, outputs: y as SymbolicTensor });
    expect(m.trainableWeights).toHaveLength(6); // inner's dense and the two outer ones
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const { x: dx, y: dy } = linearData(16);
    const h = await m.fit(dx, dy, { epochs: 3, verbose: 0 });
    expect(h.history['loss']).toHaveLength(3);
  });
});

describe('evaluate, predict, trainOnBatch, compile errors', () => {
  it('predict in batches equals one pass; evaluate returns a dictionary', () => {
    fresh(1);
    const m = sequential([dense({ units: 5, activation: 'relu', inputShape: [2] }), dense({ units: 1 })]);
    m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae', 'mse'] });
    const { x, y } = linearData(37);
    const a = values(m.predict(x, { batchSize: 5 }) as never);
    const b = values(m.predict(x, { batchSize: 64 }) as never);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));
    const r = m.evaluate(x, y, { batchSize: 8, returnDict: true });
    expect(Object.keys(r)).toEqual(['loss', 'mae', 'mse']);
    expect(r['loss']).toBeCloseTo(r['mse']!, 5);
    const err = b.reduce((s, p, i) => s + (p - values(y)[i]!) ** 2, 0) / 37;
    expect(r['mse']).toBeCloseTo(err, 4);
  });

  it('trainOnBatch returns the loss before the update and changes the weights', () => {
    fresh();
    const m = sequential([dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })]);
    m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    const logs = m.trainOnBatch(
      tensor([
        [1, 0],
        [0, 1],
      ]),
      tensor([[1], [3]]),
    );
    expect(logs).toEqual({ loss: 5 });
    // d/dw mean((w·x + b − y)²) at 0 = [−1, −3], d/db = −4 → w = [0.1, 0.3], b = 0.4
    expect(
      m
        .getWeights()
        .map(values)
        .map((v) => v.map((n) => Number(n.toFixed(6)))),
    ).toEqual([[0.1, 0.3], [0.4]]);
  });

  it('names the method and what is missing', () => {
    fresh();
    const m = sequential([dense({ units: 1, inputShape: [2] })]);
    expect(() => m.trainOnBatch(tensor([[1, 2]]), tensor([[1]]))).toThrow(
      new RectifyError(
        "trainOnBatch: the model must be compiled first: model.compile({ optimizer: 'adam', loss: 'meanSquaredError' })",
      ),
    );
    expect(() => m.compile({ loss: 'mse' } as never)).toThrow("compile: optimizer is required (e.g. 'adam')");
    expect(() => m.compile({ optimizer: 'adam', loss: 'nope' })).toThrow('getLoss: unknown loss "nope"');
    expect(() => m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae', 'mae'] })).toThrow(
      "compile: metric 'mae' is listed twice (or clashes with 'loss')",
    );
    m.compile({ optimizer: 'adam', loss: 'mse' });
    expect(() => m.predict(tensor([[1, 2, 3]]))).toThrow(ShapeError);
  });
});
