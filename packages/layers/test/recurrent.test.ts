import { variableGrads } from '@rectify/autograd';
import {
  type Tensor,
  ShapeError,
  ValueError,
  engine,
  memory,
  ones,
  randomNormal,
  sum,
  tensor,
  tidy,
  zeros,
} from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  type Layer,
  GRU,
  LSTM,
  gru,
  gruCell,
  lstm,
  lstmCell,
  rnn,
  simpleRNN,
  simpleRNNCell,
  stackedRNNCells,
} from '@rectify/layers';
import { type CellWeights, refRun, refSteps, rows } from './rnn-reference.js';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

const seq = (b = 2, t = 4, f = 3, seed = 1): Tensor => randomNormal([b, t, f], 0, 1, 'float32', seed);

/** The layer's weights as float64 matrices (kernel, recurrent kernel, bias). */
function weightsOf(layer: Layer): CellWeights {
  const [k, r, b] = layer.weights;
  const bias = b!.rank === 2 ? rows(b!.dataSync(), b!.shape[1]!) : Array.from(b!.dataSync());
  return { kernel: rows(k!.dataSync(), k!.shape[1]!), recurrent: rows(r!.dataSync(), r!.shape[1]!), bias };
}

/** Batch row `b` of a [batch, time, features] tensor as [time][features]. */
const row = (x: Tensor, b: number): number[][] =>
  rows(x.dataSync().slice(b * x.shape[1]! * x.shape[2]!, (b + 1) * x.shape[1]! * x.shape[2]!), x.shape[2]!);

const kinds = [
  {
    name: 'SimpleRNN',
    make: (o: object) => simpleRNN({ units: 3, ...o }),
    states: 1,
    step: (w: CellWeights) => (x: number[], s: number[][]) => refSteps.simple(w, x, s),
  },
  {
    name: 'LSTM',
    make: (o: object) => lstm({ units: 3, ...o }),
    states: 2,
    step: (w: CellWeights) => (x: number[], s: number[][]) => refSteps.lstm(w, x, s),
  },
  {
    name: 'GRU (resetAfter)',
    make: (o: object) => gru({ units: 3, ...o }),
    states: 1,
    step: (w: CellWeights) => (x: number[], s: number[][]) => refSteps.gru(w, x, s, true),
  },
  {
    name: 'GRU (resetBefore)',
    make: (o: object) => gru({ units: 3, resetAfter: false, ...o }),
    states: 1,
    step: (w: CellWeights) => (x: number[], s: number[][]) => refSteps.gru(w, x, s, false),
  },
];

describe('recurrent layers against float64 references', () => {
  for (const k of kinds) {
    it(`${k.name}: every step, forwards and backwards, matches the reference`, () => {
      const x = seq();
      for (const goBackwards of [false, true]) {
        const layer = k.make({
          returnSequences: true,
          goBackwards,
          biasInitializer: { name: 'randomNormal', seed: 3 },
        });
        const y = T(layer.apply(x));
        expect(y.shape).toEqual([2, 4, 3]);
        const w = weightsOf(layer);
        const expected = [0, 1].flatMap((b) =>
          refRun(
            k.step(w),
            row(x, b),
            Array.from({ length: k.states }, () => [0, 0, 0]),
            goBackwards,
          ).outs.flat(),
        );
        expectClose(y, expected, 1e-5);
      }
    });

    it(`${k.name}: gradients wrt inputs and weights match finite differences`, () => {
      const layer = k.make({ returnSequences: true, biasInitializer: { name: 'randomNormal', seed: 4 } });
      const x = seq(2, 3, 2, 5);
      layer.apply(x);
      const r = checkLayerGradients(layer, [x]);
      expect(r.ok, r.message).toBe(true);
    });
  }

  it('LSTM defaults follow Keras 3: forget-gate bias 1, sigmoid gates, orthogonal recurrent kernel', () => {
    const layer = lstm({ units: 2 });
    layer.apply(seq(1, 2, 3));
    expect(values(layer.weights[2])).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    const u = rows(layer.weights[1]!.dataSync(), 8);
    expect(layer.getConfig()).toMatchObject({
      unitForgetBias: true,
      recurrentActivation: { name: 'sigmoid' },
      activation: { name: 'tanh' },
    });
    expect(u).toHaveLength(2);
    expect(new GRU({ units: 2 }).cell.resetAfter).toBe(true);
  });
});

describe('RNN options', () => {
  it('returnState returns the final states; the last output equals the last step of returnSequences', () => {
    const x = seq();
    const layer = lstm({ units: 3, returnSequences: true, returnState: true });
    const [y, h, c] = layer.apply(x) as Tensor[];
    expect([y!.shape, h!.shape, c!.shape]).toEqual([
      [2, 4, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(layer.computeOutputShape([null, 4, 3])).toEqual([
      [null, 4, 3],
      [null, 3],
      [null, 3],
    ]);
    const ys = values(y);
    expect(values(h)).toEqual([...ys.slice(9, 12), ...ys.slice(21, 24)]);
  });

  it('takes initial states as inputs or as initialState, and checks them', () => {
    const x = seq();
    const layer = gru({ units: 3 });
    const h0 = randomNormal([2, 3], 0, 1, 'float32', 9);
    const a = T(layer.apply([x, h0]));
    expect(values(layer.apply(x, { initialState: [h0] }))).toEqual(values(a));
    expect(values(layer.apply(x))).not.toEqual(values(a));
    const w = weightsOf(layer);
    const h0s = rows(h0.dataSync(), 3);
    const ref = [0, 1].flatMap((b) => refRun((xt, s) => refSteps.gru(w, xt, s, true), row(x, b), [h0s[b]!]).states[0]!);
    expectClose(a, ref, 1e-5);
    expect(() => layer.apply([x, zeros([2, 4])])).toThrow(
      new ShapeError(`${layer.name}: initial state 0 must have shape [batch, 3], received [2,4]`),
    );
    expect(() => lstm({ units: 3, name: 'l' }).apply([x, h0])).toThrow(
      new ShapeError('l: expected 2 initial state(s), received 1'),
    );
  });

  it('stateful: two halves equal one whole sequence; resetStates starts again from zero', () => {
    const x = seq(2, 6, 3, 7);
    const whole = lstm({ units: 3, name: 'whole' });
    const y = values(whole.apply(x));
    const layer = lstm({ units: 3, stateful: true });
    layer.apply(seq(2, 1, 3, 1));
    layer.setWeights(whole.getWeights());
    layer.resetStates();
    const first = tensor(
      values(x).filter((_, i) => Math.floor(i / 3) % 6 < 3),
      [2, 3, 3],
    );
    const second = tensor(
      values(x).filter((_, i) => Math.floor(i / 3) % 6 >= 3),
      [2, 3, 3],
    );
    layer.apply(first);
    expectClose(layer.apply(second), y, 1e-6);
    layer.resetStates();
    expect(values(layer.apply(first))).toEqual(values(whole.apply(first)));
    expect(() => layer.apply(seq(3, 2, 3))).toThrow(/same batch size on every call, received 3 after 2/);
    expect(() => lstm({ units: 1, name: 's' }).resetStates()).toThrow(
      new ValueError('s: resetStates needs a stateful layer (stateful: true)'),
    );
  });

  it('stacks cells (a list or stackedRNNCells) into one loop, states in cell order', () => {
    const x = seq();
    const layer = rnn({ cell: [lstmCell({ units: 4 }), gruCell({ units: 2 })], returnState: true });
    const out = layer.apply(x) as Tensor[];
    expect(out.map((t) => t.shape)).toEqual([
      [2, 2],
      [2, 4],
      [2, 4],
      [2, 2],
    ]);
    const deep = rnn({
      cell: stackedRNNCells({ cells: [lstmCell({ units: 3 }), gruCell({ units: 2 })] }),
      returnSequences: true,
    });
    deep.apply(seq(1, 2, 3, 3));
    const r = checkLayerGradients(deep, [seq(1, 2, 3, 3)]);
    expect(r.ok, r.message).toBe(true);
    expect(stackedRNNCells({ cells: [simpleRNNCell({ units: 2 })] }).stateSize).toEqual([2]);
    expect(() => stackedRNNCells({ cells: [] })).toThrow(/cells must be a non-empty list of RNN cells/);
  });

  it('a cell runs one step on its own', () => {
    const cell = lstmCell({ units: 2 });
    const [y, h, c] = cell.apply([ones([1, 3]), zeros([1, 2]), zeros([1, 2])]);
    expect(values(y)).toEqual(values(h));
    expect(c!.shape).toEqual([1, 2]);
    const layer = rnn({ cell });
    expectClose(layer.apply(ones([1, 1, 3])), values(y), 1e-6);
  });

  it('dropout: inference is deterministic; training draws one mask per sequence, reproducible with a seed', () => {
    const x = seq();
    const make = () =>
      lstm({
        units: 3,
        dropout: 0.5,
        recurrentDropout: 0.3,
        seed: 1,
        kernelInitializer: { name: 'glorotUniform', seed: 1 },
        recurrentInitializer: { name: 'orthogonal', seed: 2 },
      });
    const a = make();
    const b = make();
    expect(values(a.apply(x))).toEqual(values(b.apply(x)));
    const ta = values(a.apply(x, { training: true }));
    expect(ta).not.toEqual(values(a.apply(x)));
    expect(values(b.apply(x, { training: true }))).toEqual(ta);
    expect(() => lstm({ units: 1, dropout: 1 })).toThrow(
      new ValueError('lstm_cell: dropout must be a number in [0, 1), received 1'),
    );
  });

  it('each step projects its own input slice (no full-size padded gradients); no tensor outlives a call but its outputs', () => {
    const layer = simpleRNN({ units: 4 });
    const x = seq(2, 5, 3);
    layer.apply(x);
    const ops: string[] = [];
    const stop = engine.addOpListener((r) => ops.push(r.op));
    const before = memory().numTensors;
    const y = T(layer.apply(x));
    stop();
    // Input and recurrent product per step. (One product over all steps, sliced per step, made every step's
    // gradient a zero-padded [batch, time, units] tensor: backpropagation grew with time².)
    expect(ops.filter((o) => o === 'matmul')).toHaveLength(2 * 5);
    expect(ops.filter((o) => o === 'slice')).toHaveLength(5);
    expect(memory().numTensors).toBe(before + 1);
    y.dispose();
    const w = layer.trainableWeights;
    const start = memory().numTensors;
    const { value, grads } = variableGrads(() => sum(T(layer.apply(x))), w);
    expect(Object.keys(grads)).toHaveLength(3);
    tidy(() => [value, ...Object.values(grads)].forEach((g) => g.dispose()));
    expect(memory().numTensors).toBe(start);
  });

  it('validates options and shapes with clear messages', () => {
    expect(() => lstm({ units: 0 })).toThrow(new ValueError('lstm_cell: units must be a positive integer, received 0'));
    expect(() => rnn({ cell: [] })).toThrow(/rnn: cell must be an RNN cell or a non-empty list of them/);
    expect(() => simpleRNN({ units: 2, name: 'r' }).apply(ones([2, 3]))).toThrow(
      new ShapeError('r: expected input of rank 3, received shape [2,3]'),
    );
    expect(() => simpleRNN({ units: 2, name: 'r' }).apply(ones([2, 0, 3]))).toThrow(
      new ShapeError('r: the input needs at least one time step, received shape [2,0,3]'),
    );
    expect(new LSTM({ units: 2, name: 'enc' }).weights).toEqual([]);
  });

  it('names weights after the layer, as TensorFlow.js (which loads weights by name)', () => {
    const layer = lstm({ units: 2, name: 'enc' });
    layer.apply(seq(1, 2, 3));
    expect(layer.weights.map((w) => w.name)).toEqual(['enc/kernel', 'enc/recurrent_kernel', 'enc/bias']);
  });
});
