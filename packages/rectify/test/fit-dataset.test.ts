import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRNGKey, type Tensor, dispose, memory, slice, tensor } from '@rectify/tensor';
import { dense, dropout } from '@rectify/layers';
import * as data from '@rectify/data';
import { sequential } from '../src/models/index.js';
import { NonFiniteLossError, permutation } from '../src/training/index.js';
import { adam, sgd } from '../src/optimizers/index.js';
import { fresh, linearData, values } from './helpers.js';

function mlp(opt: () => ReturnType<typeof adam> | ReturnType<typeof sgd> = () => adam({ learningRate: 0.05 })) {
  fresh(11);
  const m = sequential([
    dense({ units: 4, inputShape: [2], activation: 'tanh' }),
    dropout({ rate: 0.2 }),
    dense({ units: 1 }),
  ]);
  m.compile({ optimizer: opt(), loss: 'mse', metrics: ['mae'] });
  return m;
}

/** The rows of (x, y) as dataset elements, in `order`. */
function rows(x: Tensor, y: Tensor, order?: ArrayLike<number>) {
  const xv = x.arraySync() as number[][];
  const yv = y.arraySync() as number[][];
  const idx = order ? Array.from(order) : xv.map((_, i) => i);
  return idx.map((i) => ({ xs: xv[i]!, ys: yv[i]! }));
}

const weights = (m: { getWeights(): Tensor[] }) => m.getWeights().map(values);

afterEach(() => vi.restoreAllMocks());

describe('fitDataset', () => {
  it('gives exactly the weights and losses of fit with shuffle: false on the same batches', async () => {
    const { x, y } = linearData(22);
    const a = mlp();
    const ha = await a.fit(x, y, { epochs: 3, batchSize: 5, shuffle: false, verbose: 0, seed: 4 });
    const b = mlp();
    const hb = await b.fitDataset(data.array(rows(x, y)).batch(5), { epochs: 3, verbose: 0, seed: 4 });
    expect(weights(b)).toEqual(weights(a));
    expect(hb.history).toEqual(ha.history);
  });

  it('matches a seeded, shuffled fit when the dataset yields fit’s permutation of the rows', async () => {
    const { x, y } = linearData(12);
    const a = mlp(() => sgd({ learningRate: 0.1 }));
    await a.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, seed: 9 });
    const order = permutation(12, PRNGKey.fromSeed(9).fold(0x5f1e).fold(0));
    const b = mlp(() => sgd({ learningRate: 0.1 }));
    await b.fitDataset(data.array(rows(x, y, order)).batch(4), { epochs: 1, verbose: 0, seed: 9 });
    expect(weights(b)).toEqual(weights(a));
  });

  it('runs the callbacks and the progress line as fit does, and frees every batch', async () => {
    const { x, y } = linearData(20);
    const m = mlp();
    const ds = data.array(rows(x, y)).shuffle(20, 1).batch(8).prefetch(2);
    await m.fitDataset(ds, { epochs: 1, verbose: 0 }); // optimizer slots now exist
    const before = memory().numTensors;
    const events: string[] = [];
    const lines: string[] = [];
    const h = await m.fitDataset(ds, {
      epochs: 2,
      printFn: (l) => lines.push(l),
      callbacks: {
        onEpochBegin: (e) => void events.push(`epoch ${e}`),
        onBatchEnd: (b, logs) => void events.push(`batch ${b} size ${logs?.['size']}`),
      },
    });
    expect(events).toEqual([
      'epoch 0',
      'batch 0 size 8',
      'batch 1 size 8',
      'batch 2 size 4',
      'epoch 1',
      'batch 0 size 8',
      'batch 1 size 8',
      'batch 2 size 4',
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Epoch 2\/2 - [\d.]+s - loss: [\d.]+ - mae: [\d.]+$/);
    expect(Object.keys(h.history)).toEqual(['loss', 'mae']);
    expect(memory().numTensors).toBe(before);
  });

  it('batchesPerEpoch runs one iterator on across epochs; a dry dataset stops training with a warning', async () => {
    const { x, y } = linearData(10);
    const m = mlp();
    let batches = 0;
    await m.fitDataset(data.array(rows(x, y)).batch(2).repeat(), {
      epochs: 3,
      batchesPerEpoch: 4,
      verbose: 0,
      callbacks: { onBatchEnd: () => void batches++ },
    });
    expect(batches).toBe(12);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = await m.fitDataset(data.array(rows(x, y)).batch(2), { epochs: 3, batchesPerEpoch: 4, verbose: 0 });
    expect(h.epoch).toEqual([0, 1]);
    expect(warn.mock.calls[0]![0]).toBe(
      'fitDataset: batchesPerEpoch is 4 but the dataset ran out after 1 batches of this epoch; training stopped. The dataset must give batchesPerEpoch * epochs = 12 batches: use ds.repeat()',
    );
  });

  it('validates on a dataset or on [x, y], with the values evaluate gives', async () => {
    const { x, y } = linearData(16);
    const m = mlp();
    const val = data.array(rows(x, y)).batch(5);
    const h = await m.fitDataset(data.array(rows(x, y)).batch(4), { epochs: 1, verbose: 0, validationData: val });
    const h2 = await m.fitDataset(data.array(rows(x, y)).batch(4), {
      epochs: 1,
      verbose: 0,
      validationData: [x, y],
      validationBatchSize: 5,
    });
    expect(h.history['val_loss']).toHaveLength(1);
    const now = m.evaluate(x, y, { batchSize: 5, returnDict: true });
    expect(h2.history['val_loss']![0]).toBeCloseTo(now['loss']!, 6);
    const viaDataset = await m.evaluateDataset(val, { returnDict: true });
    expect(viaDataset['loss']).toBeCloseTo(now['loss']!, 6);
    expect(viaDataset['mae']).toBeCloseTo(now['mae']!, 6);
    const firstBatch = m.evaluate(slice(x, [0, 0], [5, 2]), slice(y, [0, 0], [5, 1]), { returnDict: true });
    expect((await m.evaluateDataset(val, { batches: 1, returnDict: true }))['loss']).toBeCloseTo(
      firstBatch['loss']!,
      6,
    );
    // Without returnDict, TensorFlow.js' convention: [loss, ...metrics] as Scalars.
    const scalars = (await m.evaluateDataset(val)) as Tensor[];
    expect(scalars).toHaveLength(2);
    expect(scalars[0]!.item()).toBeCloseTo(viaDataset['loss']!, 5);
    expect(scalars[1]!.item()).toBeCloseTo(viaDataset['mae']!, 5);
    dispose(scalars);
  });

  it('an error thrown inside map reaches fitDataset as a DatasetError naming the element', async () => {
    const { x, y } = linearData(10);
    const m = mlp();
    const ds = data
      .array(rows(x, y))
      .map((e) => {
        if (e.xs[0] === rows(x, y)[6]!.xs[0]) throw new Error('corrupt record');
        return e;
      })
      .batch(4);
    const error = await m.fitDataset(ds, { epochs: 1, verbose: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(data.DatasetError);
    expect(error).toMatchObject({
      op: 'map',
      index: 6,
      message: 'map: the function threw on element 6: corrupt record',
    });
  });

  it('a map running in workers trains as the sequential map does, and its errors reach fitDataset the same way', async () => {
    const { x, y } = linearData(12);
    const prepare = (e: { xs: number[]; ys: number[] }) => ({ xs: e.xs.map((v) => v * 2), ys: e.ys });
    const seq = mlp();
    const hs = await seq.fitDataset(data.array(rows(x, y)).map(prepare).batch(4), { epochs: 2, verbose: 0 });
    const par = mlp();
    const ds = data.array(rows(x, y)).map(prepare, { parallel: 2, worker: true }).batch(4);
    const hp = await par.fitDataset(ds, { epochs: 2, verbose: 0 });
    expect(hp.history).toEqual(hs.history);
    expect(weights(par)).toEqual(weights(seq));
    const failing = data
      .array(rows(x, y))
      .map(
        (e) => {
          if (e.xs[0]! > 0.5) throw new Error(`corrupt record ${e.xs[0]!.toFixed(2)}`);
          return e;
        },
        { parallel: 2, worker: true },
      )
      .batch(4);
    const error = await par.fitDataset(failing, { epochs: 1, verbose: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(data.DatasetError);
    const first = rows(x, y).findIndex((r) => r.xs[0]! > 0.5);
    expect(error).toMatchObject({ op: 'map', index: first });
    expect((error as Error).message).toMatch(
      new RegExp(`^map: the function threw on element ${first}: Error: corrupt record`),
    );
  });

  it('stops on a NaN loss with the weights from before the step (the guard fit has)', async () => {
    const m = mlp(() => sgd({ learningRate: 0.1 }));
    const good = { xs: [1, 2], ys: [1] };
    const ds = data.array([good, good, good, { xs: [NaN, 1], ys: [1] }]).batch(2);
    let kept: number[][] = [];
    const error = await m
      .fitDataset(ds, { epochs: 1, verbose: 0, callbacks: { onBatchEnd: () => void (kept = weights(m)) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteLossError);
    expect((error as Error).message).toMatch(
      /^fitDataset: the loss became NaN at epoch 1\/1, step 2\/2; training stopped/,
    );
    expect(weights(m)).toEqual(kept);
  });

  it('names a bad element or option', async () => {
    const m = mlp();
    await expect(m.fitDataset(data.array([[1, 2]]).batch(1), { verbose: 0 })).rejects.toThrow(
      'fitDataset: dataset elements must be { xs, ys } (or [xs, ys]), received a tensor of shape [1,2]',
    );
    await expect(m.fitDataset(data.array([{ xs: tensor([[1, 2]]), ys: 'no' }]), { verbose: 0 })).rejects.toThrow(
      "fitDataset: a dataset element's ys must be a tensor, an array of tensors, or an object of tensors by output name; received a string",
    );
    await expect(m.fitDataset(data.array([{ xs: [1, 2], ys: 1 }]), { verbose: 0 })).rejects.toThrow(
      "fitDataset: a dataset element's xs must be a tensor, an array of tensors, or an object of tensors by input name; received an array of 2. Batch the dataset",
    );
    await expect(m.fitDataset([1, 2] as never)).rejects.toThrow(
      'fitDataset: expected an rf.data Dataset of { xs, ys } batches, received object',
    );
    await expect(m.fitDataset(data.array([]), { batchSize: 3 } as never)).rejects.toThrow(
      "fitDataset: unknown option 'batchSize'; known options: epochs, verbose",
    );
    await expect(m.fitDataset(data.array([]), { batches_per_epoch: 2 } as never)).rejects.toThrow(
      "fitDataset: unknown option 'batches_per_epoch'; did you mean 'batchesPerEpoch'?",
    );
    await expect(m.evaluateDataset(data.array([]), { batch: 2 } as never)).rejects.toThrow(
      "evaluateDataset: unknown option 'batch'; did you mean 'batches'?",
    );
    await expect(m.fitDataset(data.array([]), { batchesPerEpoch: 0 })).rejects.toThrow(
      'fitDataset: batchesPerEpoch must be a positive integer, received 0',
    );
    await expect(m.evaluateDataset(data.array([]))).rejects.toThrow(
      'evaluateDataset: no examples to evaluate (the data is empty)',
    );
  });

  it('takes [xs, ys] pairs and objects keyed by output name', async () => {
    const m = mlp();
    const out = m.outputNames[0]!;
    const h = await m.fitDataset(
      data.array([
        [tensor([[1, 2]]), tensor([[3]])],
        { xs: { anything: tensor([[1, 2]]) }, ys: { [out]: tensor([[3]]) } },
      ]),
      { verbose: 0 },
    );
    expect(h.history['loss']).toHaveLength(1);
  });
});
