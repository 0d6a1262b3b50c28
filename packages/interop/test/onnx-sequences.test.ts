import { describe, expect, it } from 'vitest';
import { type Tensor, randomNormal } from '@rectify/tensor';
import {
  Functional,
  type Layer,
  type SymbolicTensor,
  averagePooling1d,
  bidirectional,
  conv1d,
  dense,
  embedding,
  globalAveragePooling1d,
  globalMaxPooling1d,
  gru,
  gruCell,
  input,
  lstm,
  maxPooling1d,
  rnn,
  simpleRNN,
  stackedRNNCells,
  lstmCell,
} from '@rectify/layers';
import { encodeOnnx } from '@rectify/interop';
import { applyStack, compareWithOrt, maxAbsDiff, normal, runOnnx } from './helpers.js';

/** Every weight redrawn from N(0, 0.5²), so that biases (zeros, or ones for the forget gate) are exercised too. */
function randomize(layers: readonly Layer[], seed = 3): void {
  layers.forEach((l, i) =>
    l.weights.forEach((w, j) => w.assign(randomNormal(w.shape, 0, 0.5, 'float32', seed * 1000 + i * 10 + j))),
  );
}

/** A stack, built on `x`, weights randomized, compared with ONNX Runtime. */
async function stackDiff(layers: Layer[], x: Tensor): Promise<{ diff: number; dims: readonly number[] }> {
  applyStack(layers, x);
  randomize(layers);
  return compareWithOrt({ layers }, { input: x }, applyStack(layers, x));
}

/** A functional model with several outputs: each ONNX output against Rectify's, in order. */
async function allOutputs(model: Functional, feeds: Record<string, Tensor>): Promise<number[]> {
  const xs = Object.values(feeds);
  model.apply(xs.length === 1 ? xs[0]! : xs);
  randomize(model.layers);
  const expected = model.apply(xs.length === 1 ? xs[0]! : xs) as Tensor | Tensor[];
  const got = Object.values(await runOnnx(encodeOnnx(model), feeds));
  const want = Array.isArray(expected) ? expected : [expected];
  expect(got.map((g) => g.dims)).toEqual(want.map((w) => w.shape));
  return want.map((w, i) => maxAbsDiff(got[i]!.data, w.dataSync()));
}

const seq = () => normal([3, 5, 4], 1.5);

describe('exportOnnx: recurrent layers match ONNX Runtime within 1e-5', () => {
  it.each([
    ['LSTM, last output', () => lstm({ units: 6, inputShape: [5, 4] }), [3, 6]],
    ['LSTM, sequences', () => lstm({ units: 6, returnSequences: true, inputShape: [5, 4] }), [3, 5, 6]],
    [
      'LSTM, sequences, goBackwards (outputs in processing order)',
      () => lstm({ units: 6, returnSequences: true, goBackwards: true, inputShape: [5, 4] }),
      [3, 5, 6],
    ],
    [
      'LSTM, hardSigmoid gates, relu candidate, no bias',
      () =>
        lstm({ units: 3, recurrentActivation: 'hardSigmoid', activation: 'relu', useBias: false, inputShape: [5, 4] }),
      [3, 3],
    ],
    ['GRU resetAfter (linear_before_reset)', () => gru({ units: 6, inputShape: [5, 4] }), [3, 6]],
    [
      'GRU without resetAfter, sequences',
      () => gru({ units: 6, resetAfter: false, returnSequences: true, inputShape: [5, 4] }),
      [3, 5, 6],
    ],
    ['GRU goBackwards, last output', () => gru({ units: 4, goBackwards: true, inputShape: [5, 4] }), [3, 4]],
    ['SimpleRNN relu', () => simpleRNN({ units: 5, activation: 'relu', inputShape: [5, 4] }), [3, 5]],
    [
      'SimpleRNN linear, sequences, goBackwards',
      () => simpleRNN({ units: 5, activation: 'linear', returnSequences: true, goBackwards: true, inputShape: [5, 4] }),
      [3, 5, 5],
    ],
    ['RNN around a GRUCell', () => rnn({ cell: gruCell({ units: 4 }), inputShape: [5, 4] }), [3, 4]],
  ] as const)('%s', async (_name, make, dims) => {
    const r = await stackDiff([make() as Layer, dense({ units: 2 })], seq());
    expect(r.dims).toEqual([...dims.slice(0, -1), 2]);
    expect(r.diff).toBeLessThan(1e-5);
  });

  it.each(['concat', 'sum', 'mul', 'ave'] as const)(
    'Bidirectional LSTM / GRU, mergeMode %s, sequences and last output',
    async (mergeMode) => {
      for (const returnSequences of [true, false]) {
        const layers = [
          bidirectional({ layer: lstm({ units: 3, returnSequences }), mergeMode, inputShape: [5, 4] }),
          ...(returnSequences ? [bidirectional({ layer: gru({ units: 2 }), mergeMode })] : []),
          dense({ units: 2 }),
        ];
        const r = await stackDiff(layers, seq());
        expect(r.dims).toEqual([3, 2]);
        expect(r.diff).toBeLessThan(1e-5);
      }
    },
  );

  it('returnState: LSTM [y, h, c], GRU [y, h], Bidirectional [y, h_f, c_f, h_b, c_b] and mergeMode null', async () => {
    const x = input({ shape: [5, 4], name: 'input' });
    const l = lstm({ units: 3, returnState: true, returnSequences: true }).apply(x) as SymbolicTensor[];
    const g = gru({ units: 2, returnState: true, goBackwards: true }).apply(l[0]!) as SymbolicTensor[];
    const bi = bidirectional({ layer: lstm({ units: 2, returnState: true }) }).apply(x) as SymbolicTensor[];
    const pair = bidirectional({ layer: simpleRNN({ units: 2 }), mergeMode: null }).apply(x) as SymbolicTensor[];
    const model = new Functional({ inputs: x, outputs: [...l, ...g, ...bi, ...pair] });
    const diffs = await allOutputs(model, { input: seq() });
    expect(diffs).toHaveLength(3 + 2 + 5 + 2);
    for (const d of diffs) expect(d).toBeLessThan(1e-5);
  });

  it('initial states given as model inputs become initial_h / initial_c', async () => {
    const x = input({ shape: [5, 4], name: 'x' });
    const h0 = input({ shape: [3], name: 'h0' });
    const c0 = input({ shape: [3], name: 'c0' });
    const y = lstm({ units: 3, returnSequences: true }).apply([x, h0, c0]) as SymbolicTensor;
    const model = new Functional({ inputs: [x, h0, c0], outputs: y });
    const [d] = await allOutputs(model, { x: seq(), h0: normal([3, 3], 1, 8), c0: normal([3, 3], 1, 9) });
    expect(d).toBeLessThan(1e-5);
  });

  it('a token model: embedding → LSTM → dense', async () => {
    const layers = [
      embedding({ inputDim: 7, outputDim: 4, inputShape: [6] }),
      lstm({ units: 5 }),
      dense({ units: 7, activation: 'softmax' }),
    ];
    const ids = randomNormal([2, 6], 3, 2, 'float32', 1).abs().floor().clipByValue(0, 6).cast('int32');
    applyStack(layers, ids);
    randomize(layers);
    const r = await compareWithOrt({ layers }, { input: ids }, applyStack(layers, ids));
    expect(r.diff).toBeLessThan(1e-5);
  });
});

describe('exportOnnx: 1-D convolutions and pools', () => {
  it.each([
    ['valid, strided', () => conv1d({ filters: 3, kernelSize: 3, strides: 2, inputShape: [9, 4] })],
    ['same', () => conv1d({ filters: 3, kernelSize: 4, padding: 'same', activation: 'relu', inputShape: [9, 4] })],
    [
      'causal, dilated',
      () => conv1d({ filters: 3, kernelSize: 3, padding: 'causal', dilationRate: 2, inputShape: [9, 4] }),
    ],
  ] as const)('Conv1D %s → pools → global pools', async (_name, make) => {
    for (const tail of [
      [maxPooling1d({ poolSize: 2, padding: 'same' }), globalAveragePooling1d()],
      [averagePooling1d({ poolSize: 3, strides: 1, padding: 'same' }), globalMaxPooling1d()],
    ]) {
      const r = await stackDiff([make() as Layer, ...tail, dense({ units: 2 })], normal([2, 9, 4], 1.5));
      expect(r.dims).toEqual([2, 2]);
      expect(r.diff).toBeLessThan(1e-5);
    }
  });
});

describe('exportOnnx refuses what ONNX cannot express, naming the layer and option', () => {
  it('stateful, stacked cells, a cell activation ONNX lacks, a masked sequence, a backwards Bidirectional', () => {
    const x = seq();
    const build = (layers: Layer[]) => (applyStack(layers, x), { layers });
    expect(() => encodeOnnx(build([lstm({ units: 2, stateful: true, name: 'st', inputShape: [5, 4] })]))).toThrow(
      "exportOnnx: layer 'st' (LSTM) is stateful (stateful: true); an ONNX graph cannot carry states between calls",
    );
    expect(() =>
      encodeOnnx(
        build([
          rnn({
            cell: stackedRNNCells({ cells: [lstmCell({ units: 2 }), lstmCell({ units: 2 })] }),
            name: 'deep',
            inputShape: [5, 4],
          }),
        ]),
      ),
    ).toThrow(
      "exportOnnx: layer 'deep' (RNN) runs a StackedRNNCells cell; ONNX export supports one LSTMCell, GRUCell or SimpleRNNCell",
    );
    expect(() => encodeOnnx(build([gru({ units: 2, activation: 'gelu', name: 'g', inputShape: [5, 4] })]))).toThrow(
      "exportOnnx: layer 'g' (GRU) uses activation 'gelu' inside its cell; ONNX recurrent ops take sigmoid, tanh, relu, softsign, softplus, hardSigmoid or linear",
    );
    expect(() =>
      encodeOnnx(
        build([bidirectional({ layer: lstm({ units: 2, goBackwards: true }), name: 'bi', inputShape: [5, 4] })]),
      ),
    ).toThrow("exportOnnx: layer 'bi' (Bidirectional) wraps a layer with goBackwards: true");
    const ids = randomNormal([2, 6], 3, 1, 'float32', 1).abs().floor().cast('int32');
    const masked = [
      embedding({ inputDim: 9, outputDim: 2, maskZero: true, name: 'emb', inputShape: [6] }),
      lstm({ units: 2, name: 'l' }),
    ];
    applyStack(masked, ids);
    expect(() => encodeOnnx({ layers: masked })).toThrow(
      "exportOnnx: layer 'l' (LSTM) would read the mask of 'emb' (Embedding with maskZero: true); ONNX graphs carry no masks — export a model without maskZero",
    );
  });
});
