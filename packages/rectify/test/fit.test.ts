import { describe, expect, it } from 'vitest';
import { RectifyError, type Tensor, ValueError, abs, dispose, mean, memory, sqrt, sub, tensor } from '@rectify/tensor';
import { batchNormalization, dense } from '@rectify/layers';
import { sequential } from '../src/models/index.js';
import { NonFiniteLossError } from '../src/training/index.js';
import { sgd } from '../src/optimizers/index.js';
import { fresh, linearData, values } from './helpers.js';

function linearModel(lr = 0.1) {
  const m = sequential([dense({ units: 1, inputShape: [2] })]);
  m.compile({ optimizer: sgd({ learningRate: lr }), loss: 'mse' });
  return m;
}

describe('fit', () => {
  it('returns a History with one entry per epoch and counts batches', async () => {
    fresh();
    const { x, y } = linearData(10);
    const m = linearModel();
    let batches = 0;
    const h = await m.fit(x, y, {
      epochs: 3,
      batchSize: 4,
      verbose: 0,
      callbacks: [{ onBatchEnd: () => void batches++ }],
    });
    expect(h.epoch).toEqual([0, 1, 2]);
    expect(h.history['loss']).toHaveLength(3);
    expect(batches).toBe(9); // ceil(10 / 4) = 3 per epoch
    expect(h.history['loss']![2]!).toBeLessThan(h.history['loss']![0]!);
  });

  it('validationSplit holds out the last fraction, before shuffling', async () => {
    fresh();
    const { x, y } = linearData(20);
    const m = linearModel();
    const seen: number[] = [];
    m.compile({
      optimizer: sgd({ learningRate: 0.05 }),
      loss: 'mse',
      metrics: [
        function recordTargets(t, p) {
          seen.push(...values(t));
          return abs(sub(t, p));
        },
      ],
    });
    const h = await m.fit(x, y, { epochs: 1, batchSize: 5, validationSplit: 0.25, verbose: 0, seed: 3 });
    const yv = values(y);
    // 15 training targets (shuffled), then the 5 validation targets in order.
    expect([...seen.slice(0, 15)].sort()).toEqual(yv.slice(0, 15).sort());
    expect(seen.slice(15)).toEqual(yv.slice(15));
    const tail = m.evaluate(sliceTail(x, 15), sliceTail(y, 15), { returnDict: true });
    expect(h.history['val_loss']![0]).toBeCloseTo(tail['loss']!, 6);
  });

  it('shuffles reproducibly from seed, and not at all with shuffle: false', async () => {
    const order = async (opts: object): Promise<number[]> => {
      fresh();
      const x = tensor(Array.from({ length: 8 }, (_, i) => [i, 0]));
      const y = tensor(Array.from({ length: 8 }, (_, i) => [i]));
      const m = linearModel(0);
      const seen: number[] = [];
      m.compile({
        optimizer: sgd({ learningRate: 0 }),
        loss: 'mse',
        metrics: [(t, p) => (seen.push(...values(t)), sub(t, p))],
      });
      await m.fit(x, y, { epochs: 2, batchSize: 3, verbose: 0, ...opts });
      return seen;
    };
    const a = await order({ seed: 7 });
    expect(await order({ seed: 7 })).toEqual(a);
    expect(await order({ seed: 8 })).not.toEqual(a);
    expect(a.slice(0, 8)).not.toEqual(a.slice(8)); // a fresh permutation each epoch
    expect(await order({ shuffle: false })).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('the same seed gives the same weights and loss curve', async () => {
    const run = async () => {
      fresh(11);
      const { x, y } = linearData(32);
      const m = sequential([dense({ units: 4, activation: 'relu', inputShape: [2] }), dense({ units: 1 })]);
      m.compile({ optimizer: 'adam', loss: 'mse' });
      const h = await m.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, seed: 5 });
      return { loss: h.history['loss'], w: m.getWeights().map(values) };
    };
    expect(await run()).toEqual(await run());
  });

  it('validates its options with named errors', async () => {
    fresh();
    const { x, y } = linearData(4);
    const m = linearModel();
    await expect(m.fit(x, y, { batch_size: 2 } as never)).rejects.toThrow(ValueError);
    await expect(m.fit(x, y, { batch_size: 2 } as never)).rejects.toThrow(
      "fit: unknown option 'batch_size'; did you mean 'batchSize'?",
    );
    await expect(m.fit(x, y, { batchSize: 0 })).rejects.toThrow(
      'fit: batchSize must be a positive integer, received 0',
    );
    await expect(m.fit(x, y, { validationSplit: 1 })).rejects.toThrow(
      'fit: validationSplit must be in [0, 1), received 1',
    );
    await expect(m.fit(tensor([[1, 2]]), tensor([[1]]), { validationSplit: 0.5, verbose: 0 })).rejects.toThrow(
      'fit: validationSplit 0.5 leaves no training examples (1 in all)',
    );
    await expect(m.fit(x, tensor([[1], [2]]), { verbose: 0 })).rejects.toThrow('fit: x has 4 examples but y has 2');
    const raw = sequential([dense({ units: 1, inputShape: [2] })]);
    await expect(raw.fit(x, y)).rejects.toThrow(
      new RectifyError(
        "fit: the model must be compiled first: model.compile({ optimizer: 'adam', loss: 'meanSquaredError' })",
      ),
    );
  });
});

function sliceTail(t: ReturnType<typeof tensor>, from: number) {
  return tensor(values(t).slice(from * (t.size / t.shape[0]!)), [t.shape[0]! - from, ...t.shape.slice(1)]);
}

describe('memory', () => {
  it('fit, evaluate, predict and trainOnBatch free every tensor they create', async () => {
    fresh();
    const { x, y } = linearData(24);
    const m = sequential([
      dense({ units: 4, activation: 'relu', inputShape: [2] }),
      batchNormalization(),
      dense({ units: 1 }),
    ]);
    m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
    await m.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 }); // creates the optimizer's slots once
    const before = memory().numTensors;
    await m.fit(x, y, { epochs: 2, batchSize: 5, validationSplit: 0.25, verbose: 0 });
    const scalars = m.evaluate(x, y, { batchSize: 7 }) as Tensor[];
    expect(scalars.length).toBe(2); // [loss, mae]: the caller owns them
    dispose(scalars);
    m.trainOnBatch(x, y);
    const p = m.predict(x, { batchSize: 7 }) as never as { dispose(): void };
    p.dispose();
    await m.fit(
      [
        [1, 2],
        [3, 4],
      ],
      [[1], [2]],
      { verbose: 0 },
    ); // nested arrays are converted and freed
    expect(memory().numTensors).toBe(before);
  });
});

describe('verbose output', () => {
  it('prints one Keras-style line per epoch through printFn', async () => {
    fresh();
    const { x, y } = linearData(8);
    const m = linearModel();
    m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const lines: string[] = [];
    await m.fit(x, y, { epochs: 2, validationSplit: 0.25, printFn: (l) => lines.push(l) });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^Epoch 2\/2 - \d+\.\d\ds - loss: \d+\.\d{4} - mae: \d+\.\d{4} - val_loss: \d+\.\d{4} - val_mae: \d+\.\d{4}$/,
    );
  });
});

describe('TerminateOnNaN', () => {
  it('stops at the step whose loss overflows and keeps the weights from before it', async () => {
    fresh();
    const x = tensor([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    const y = tensor([[1], [2], [3], [4]]);
    const m = linearModel(1e18);
    const after: number[][] = [];
    const err = await m
      .fit(x, y, {
        epochs: 3,
        batchSize: 1,
        shuffle: false,
        verbose: 0,
        callbacks: [{ onBatchEnd: () => void after.push(m.getWeights().flatMap(values)) }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteLossError);
    const e = err as NonFiniteLossError;
    expect(after.length).toBe(e.step + 4 * e.epoch);
    expect(after.length).toBeGreaterThan(0); // some steps succeeded: the kept weights are not the initial ones
    expect(e.message).toMatch(
      new RegExp(
        `^fit: the loss became (Infinity|NaN) at epoch ${e.epoch + 1}/3, step ${e.step + 1}/4; training stopped and the weights from before this step were kept\\. Try a lower learning rate \\(now 1000000000000000000\\) or gradient clipping \\(e\\.g\\. adam\\(\\{ clipNorm: 1 \\}\\)\\)$`,
      ),
    );
    expect(m.getWeights().flatMap(values)).toEqual(after.at(-1));
    expect(m.getWeights().flatMap(values).every(Number.isFinite)).toBe(true);
  });

  it('a NaN input stops at once: weights and batch-norm statistics are unchanged', async () => {
    fresh();
    const m = sequential([dense({ units: 3, inputShape: [2] }), batchNormalization(), dense({ units: 1 })]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = m.getWeights().map(values);
    const err = await m
      .fit(
        tensor([
          [1, Number.NaN],
          [0, 1],
        ]),
        tensor([[1], [0]]),
        { verbose: 0 },
      )
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^fit: the loss became NaN at epoch 1\/1, step 1\/1;/);
    expect(m.getWeights().map(values)).toEqual(before);
  });

  it('catches a non-finite gradient behind a finite loss', async () => {
    fresh();
    const m = sequential([dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' })]);
    // d/dp √|p − t| is infinite where the prediction is exact.
    m.compile({ optimizer: 'sgd', loss: (t, p) => mean(sqrt(abs(sub(p, t)))) });
    const err = await m.fit(tensor([[2]]), tensor([[2]]), { verbose: 0 }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^fit: a gradient became NaN or Infinity at epoch 1\/1, step 1\/1;/);
    expect(m.getWeights().map(values)).toEqual([[1], [0]]);
  });

  it('can be switched off', async () => {
    fresh();
    const m = linearModel(1e18);
    const h = await m.fit(
      tensor([
        [1, 1],
        [2, 2],
      ]),
      tensor([[1], [2]]),
      { epochs: 4, batchSize: 1, verbose: 0, terminateOnNaN: false },
    );
    expect(h.history['loss']!.some((l) => !Number.isFinite(l))).toBe(true);
  });
});
