import { type Tensor, ValueError, add, concat, mul, randomNormal, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  type SymbolicTensor,
  Functional,
  bidirectional,
  dense,
  embedding,
  getMask,
  gru,
  input,
  lstm,
  masking,
  rnn,
  simpleRNN,
  simpleRNNCell,
  timeDistributed,
} from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

const seq = (b = 2, t = 4, f = 3, seed = 1): Tensor => randomNormal([b, t, f], 0, 1, 'float32', seed);
const ids = (v: number[][]): Tensor => tensor(v, undefined, 'int32');

describe('masks: Embedding(maskZero) and Masking → recurrent layers', () => {
  it('Embedding with maskZero attaches a [batch, time] mask; padded steps leave the LSTM state unchanged', () => {
    const emb = embedding({ inputDim: 5, outputDim: 3, maskZero: true });
    const layer = lstm({ units: 2, returnSequences: true });
    const x = ids([
      [1, 2, 0, 0],
      [3, 0, 0, 0],
    ]);
    const e = T(emb.apply(x));
    expect(values(getMask(e))).toEqual([1, 1, 0, 0, 1, 0, 0, 0]);
    const y = T(layer.apply(e));
    expect(getMask(y)).toBe(getMask(e));
    // The same layer on the unpadded sequences alone.
    const a = values(layer.apply(T(emb.apply(ids([[1, 2]])))));
    const b = values(layer.apply(T(emb.apply(ids([[3]])))));
    expectClose(y, [...a, ...a.slice(2), ...a.slice(2), ...b, ...b, ...b, ...b], 1e-6);
    expect(getMask(T(lstm({ units: 2 }).apply(e)))).toBeUndefined();
    expect(getMask(T(embedding({ inputDim: 5, outputDim: 3 }).apply(x)))).toBeUndefined();
  });

  it('flows through a functional graph; gradients skip padded steps', () => {
    const i = input({ shape: [3], dtype: 'int32' } as never);
    const h = embedding({ inputDim: 4, outputDim: 2, maskZero: true }).apply(i) as SymbolicTensor;
    const out = gru({ units: 2 }).apply(h) as SymbolicTensor;
    const model = new Functional({ inputs: i, outputs: out });
    const y1 = values(model.apply(ids([[1, 2, 0]])));
    const y2 = values(model.apply(ids([[1, 2, 3]])));
    expect(y1).not.toEqual(y2);
    expect(values(model.apply(ids([[1, 2, 0]])))).toEqual(y1);
  });

  it('Masking zeroes and masks steps whose features all equal maskValue', () => {
    const x = tensor([
      [
        [1, 2],
        [0, 0],
        [0, 3],
      ],
    ]);
    const layer = masking({ maskValue: 0 });
    const y = T(layer.apply(x));
    expect(values(y)).toEqual([1, 2, 0, 0, 0, 3]);
    expect(values(getMask(y))).toEqual([1, 0, 1]);
    const r = simpleRNN({ units: 2, kernelInitializer: 'ones', recurrentInitializer: 'identity' });
    // the masked step carries the state: same as skipping it
    expectClose(
      r.apply(y),
      values(
        r.apply(
          tensor([
            [
              [1, 2],
              [0, 3],
            ],
          ]),
        ),
      ),
      1e-6,
    );
    expect(() => masking({ maskValue: Number.NaN })).toThrow(
      new ValueError('masking: maskValue must be a finite number, received NaN'),
    );
  });
});

describe('Bidirectional', () => {
  const x = seq();

  it('concatenates the forward run and the time-reversed backward run (the same as two layers by hand)', () => {
    const layer = bidirectional({ layer: lstm({ units: 2, returnSequences: true, name: 'enc' }), name: 'bi' });
    const y = T(layer.apply(x));
    expect(y.shape).toEqual([2, 4, 4]);
    const fwd = lstm({ units: 2, returnSequences: true });
    const bwd = lstm({ units: 2, returnSequences: true, goBackwards: true });
    fwd.apply(x);
    bwd.apply(x);
    fwd.setWeights(layer.forwardLayer.getWeights());
    bwd.setWeights(layer.backwardLayer.getWeights());
    const f = values(fwd.apply(x));
    const b = values(bwd.apply(x));
    const expected: number[] = [];
    for (let n = 0; n < 2; n++)
      for (let t = 0; t < 4; t++) {
        const fi = (n * 4 + t) * 2;
        const bi = (n * 4 + (3 - t)) * 2;
        expected.push(f[fi]!, f[fi + 1]!, b[bi]!, b[bi + 1]!);
      }
    expectClose(y, expected, 1e-6);
    expect(layer.weights.map((w) => w.name)).toEqual([
      'bi/forward_enc/kernel',
      'bi/forward_enc/recurrent_kernel',
      'bi/forward_enc/bias',
      'bi/backward_enc/kernel',
      'bi/backward_enc/recurrent_kernel',
      'bi/backward_enc/bias',
    ]);
    expect(layer.getConfig().layer.config.name).toBe('enc');
  });

  it("merges by sum, mul, ave or returns both; returnState appends both directions' states", () => {
    const make = (mergeMode: 'sum' | 'mul' | 'ave' | null) => {
      const l = bidirectional({ layer: gru({ units: 2 }), mergeMode });
      l.apply(x);
      return l;
    };
    const both = make(null);
    const [f, b] = both.apply(x) as Tensor[];
    for (const [mode, combine] of [
      ['sum', add],
      ['mul', mul],
      ['ave', (p: Tensor, q: Tensor) => mul(add(p, q), 0.5)],
    ] as const) {
      const l = make(mode);
      l.setWeights(both.getWeights());
      expectClose(l.apply(x), values(combine(f!, b!)), 1e-6);
    }
    const withState = bidirectional({ layer: lstm({ units: 2, returnState: true }) });
    const out = withState.apply(x) as Tensor[];
    expect(out.map((t) => t.shape)).toEqual([
      [2, 4],
      [2, 2],
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
    expect(withState.computeOutputShape([null, 4, 3])).toEqual([
      [null, 4],
      [null, 2],
      [null, 2],
      [null, 2],
      [null, 2],
    ]);
    expect(values(concat([out[1]!, out[3]!], -1))).toEqual(values(out[0]));
    expect(() => bidirectional({ layer: dense({ units: 1 }) as never })).toThrow(
      /bidirectional: layer must be a recurrent layer/,
    );
    expect(() => bidirectional({ layer: gru({ units: 1 }), mergeMode: 'max' as never })).toThrow(
      new ValueError("bidirectional: mergeMode must be 'concat' or 'sum' or 'mul' or 'ave', received \"max\""),
    );
  });

  it('gradients match finite differences; a generic rnn gets distinct weight names', () => {
    const layer = bidirectional({ layer: simpleRNN({ units: 2, returnSequences: true }), mergeMode: 'ave' });
    const xs = seq(1, 3, 2, 4);
    layer.apply(xs);
    const r = checkLayerGradients(layer, [xs]);
    expect(r.ok, r.message).toBe(true);
    const generic = bidirectional({ layer: rnn({ cell: simpleRNNCell({ units: 2, name: 'c' }) }) });
    generic.apply(xs);
    expect(new Set(generic.weights.map((w) => w.name)).size).toBe(6);
  });
});

describe('TimeDistributed', () => {
  it('applies the layer to every step with shared weights, as one batch', () => {
    const inner = dense({ units: 2 });
    const layer = timeDistributed({ layer: inner });
    const x = seq(2, 3, 4);
    const y = T(layer.apply(x));
    expect(y.shape).toEqual([2, 3, 2]);
    expectClose(y, values(inner.apply(x)), 1e-6);
    expect(layer.computeOutputShape([null, 3, 4])).toEqual([null, 3, 2]);
    const r = checkLayerGradients(layer, [seq(1, 2, 4, 2)]);
    expect(r.ok, r.message).toBe(true);
    expect(() => timeDistributed({ layer: 3 as never })).toThrow(
      new ValueError('time_distributed: layer must be a Layer, received 3'),
    );
  });
});
