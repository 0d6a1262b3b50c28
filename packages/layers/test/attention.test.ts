import { ShapeError, type Tensor, ValueError, concat, randomNormal, slice, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { MultiHeadAttention, causalMask, multiHeadAttention, scaledDotProductAttention } from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

type M = number[][];
const matmul = (a: M, b: M): M => a.map((r) => b[0]!.map((_, j) => r.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const rows = (flat: number[], cols: number): M =>
  Array.from({ length: flat.length / cols }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
const proj = (x: M, w: Tensor, b: Tensor): M =>
  matmul(x, rows(values(w), w.shape[1]!)).map((r) => r.map((v, j) => v + values(b)[j]!));

/** Multi-head attention in float64 from the layer's own weights, one batch element at a time. */
function mhaRef(layer: MultiHeadAttention, q: Tensor, v: Tensor, mask?: (t: number, s: number) => boolean): number[] {
  const [wq, bq, wk, bk, wv, bv, wo, bo] = layer.weights;
  const { numHeads: H, keyDim: K, valueDim: D } = layer;
  const out: number[] = [];
  for (let b = 0; b < q.shape[0]!; b++) {
    const qb = rows(values(slice(q, [b], [1])), q.shape[2]!);
    const vb = rows(values(slice(v, [b], [1])), v.shape[2]!);
    const Q = proj(qb, wq!, bq!);
    const Kp = proj(vb, wk!, bk!);
    const V = proj(vb, wv!, bv!);
    const ctx = Q.map((): number[] => []);
    for (let h = 0; h < H; h++) {
      Q.forEach((qt, t) => {
        const scores = Kp.map((ks, s) => {
          if (mask && !mask(t, s)) return -Infinity;
          let dot = 0;
          for (let i = 0; i < K; i++) dot += qt[h * K + i]! * ks[h * K + i]!;
          return dot / Math.sqrt(K);
        });
        const m = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - m));
        const z = e.reduce((a, c) => a + c, 0);
        for (let i = 0; i < D; i++) ctx[t]!.push(e.reduce((acc, w, s) => acc + (w / z) * V[s]![h * D + i]!, 0));
      });
    }
    out.push(...proj(ctx, wo!, bo!).flat());
  }
  return out;
}

describe('scaledDotProductAttention', () => {
  it('weights values by softmax(q·kᵀ/√d) and respects masks', () => {
    const q = tensor([[[1, 0]]]);
    const k = tensor([
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    const v = tensor([[[10], [20]]]);
    const { output, weights } = scaledDotProductAttention(q, k, v);
    const w0 = 1 / (1 + Math.exp(-1 / Math.SQRT2));
    expectClose(weights, [w0, 1 - w0]);
    expectClose(output, [10 * w0 + 20 * (1 - w0)], 1e-4);
    const masked = scaledDotProductAttention(q, k, v, { mask: tensor([[[false, true]]]) });
    expectClose(masked.output, [20]);
  });

  it('causalMask is lower triangular', () => {
    expect(causalMask(3, 3).arraySync()).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
    expect(causalMask(2, 3).arraySync()).toEqual([
      [true, false, false],
      [true, true, false],
    ]);
  });
});

describe('MultiHeadAttention', () => {
  const init = {
    kernelInitializer: { name: 'glorotUniform', seed: 3 },
    biasInitializer: { name: 'randomNormal', stddev: 0.1, seed: 4 },
  };

  it('matches a float64 reference for cross-attention with different key and value sizes', () => {
    const layer = new MultiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 2, ...init });
    const q = randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const v = randomNormal([2, 2, 5], 0, 1, 'float32', 2);
    const y = T(layer.apply([q, v]));
    expect(y.shape).toEqual([2, 3, 4]);
    expect(
      layer.computeOutputShape([
        [null, 3, 4],
        [null, 2, 5],
      ]),
    ).toEqual([null, 3, 4]);
    expectClose(y, mhaRef(layer, q, v), 1e-4);
    // the projections start different even though one seeded initializer made them
    expect(values(layer.query.weights[0])).not.toEqual(values(layer.key.weights[0]));
  });

  it('self-attention with a causal mask: a token never sees later tokens', () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 2, ...init });
    const x = randomNormal([1, 3, 4], 0, 1, 'float32', 7);
    const y = T(layer.apply(x, { useCausalMask: true }));
    expectClose(
      y,
      mhaRef(layer, x, x, (t, s) => s <= t),
      1e-4,
    );
    const changedLast = concat([slice(x, [0, 0, 0], [1, 2, 4]), tensor([[[5, -5, 5, -5]]])], 1);
    const y2 = T(layer.apply(changedLast, { useCausalMask: true }));
    expect(values(slice(y2, [0, 0, 0], [1, 2, 4]))).toEqual(values(slice(y, [0, 0, 0], [1, 2, 4])));
    expect(values(slice(y2, [0, 2, 0], [1, 1, 4]))).not.toEqual(values(slice(y, [0, 2, 0], [1, 1, 4])));
  });

  it('takes an explicit [B, T, S] mask (bool or 0/1), combined with the causal one', () => {
    const layer = multiHeadAttention({ numHeads: 1, keyDim: 2, ...init });
    const x = randomNormal([1, 3, 2], 0, 1, 'float32', 8);
    const keep = [
      [1, 0, 1],
      [1, 1, 0],
      [0, 1, 1],
    ];
    const mask = tensor([keep]);
    expectClose(
      layer.apply(x, { mask }),
      mhaRef(layer, x, x, (t, s) => keep[t]![s] === 1),
      1e-4,
    );
    expectClose(
      layer.apply(x, { mask, useCausalMask: true }),
      mhaRef(layer, x, x, (t, s) => keep[t]![s] === 1 && s <= t),
      1e-4,
    );
  });

  it('gradients wrt input and all projection weights match finite differences', () => {
    const layer = multiHeadAttention({ numHeads: 2, keyDim: 2, ...init });
    const x = randomNormal([1, 2, 3], 0, 1, 'float32', 9);
    layer.apply(x);
    expect(layer.trainableWeights).toHaveLength(8);
    const r = checkLayerGradients(layer, [x]);
    expect(r.ok, r.message).toBe(true);
  });

  it('drops attention weights only in training, reproducibly with a seed', () => {
    const x = randomNormal([1, 4, 4], 0, 1, 'float32', 10);
    const a = multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.5, seed: 1, ...init });
    const b = multiHeadAttention({ numHeads: 2, keyDim: 2, dropout: 0.5, seed: 1, ...init });
    expectClose(a.apply(x), mhaRef(a, x, x), 1e-4);
    const ta = values(a.apply(x, { training: true }));
    expect(ta).not.toEqual(values(a.apply(x)));
    b.apply(x);
    expect(values(b.apply(x, { training: true }))).toEqual(ta);
  });

  it('validates options and input shapes', () => {
    expect(() => multiHeadAttention({ numHeads: 0, keyDim: 2 })).toThrow(
      new ValueError('multi_head_attention: numHeads must be a positive integer, received 0'),
    );
    expect(() => multiHeadAttention({ numHeads: 1, keyDim: 2, dropout: 1 })).toThrow(
      new ValueError('multi_head_attention: dropout must be a number in [0, 1), received 1'),
    );
    expect(() => multiHeadAttention({ numHeads: 1, keyDim: 2, seed: 0.5 })).toThrow(
      new ValueError('multi_head_attention: seed must be an integer, received 0.5'),
    );
    const layer = multiHeadAttention({ numHeads: 1, keyDim: 2, name: 'mha' });
    expect(() => layer.apply(tensor([[1, 2]]))).toThrow(
      new ShapeError('mha: expected query of rank 3 [batch, length, features], received shape [1,2]'),
    );
    expect(() => layer.apply([randomNormal([1, 2, 3]), randomNormal([1, 4, 3]), randomNormal([1, 5, 3])])).toThrow(
      new ShapeError('mha: key and value must have the same length, received key [1,5,3] and value [1,4,3]'),
    );
    layer.apply(randomNormal([1, 2, 3]));
    expect(() => layer.apply(randomNormal([1, 2, 5]))).toThrow(
      new ShapeError('mha: expected query with last dimension 3, received shape [1,2,5]'),
    );
  });
});
