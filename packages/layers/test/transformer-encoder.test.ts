import { ShapeError, type Tensor, ValueError, add, concat, moments, randomNormal, slice, zeros } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { TransformerEncoder, transformerEncoder } from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

const init = {
  kernelInitializer: { name: 'glorotUniform', seed: 5 },
  biasInitializer: { name: 'randomNormal', stddev: 0.1, seed: 6 },
};
const x = randomNormal([2, 3, 4], 0, 1, 'float32', 12);

/** Zeroes the attention output projection and the feed-forward output layer: both sublayers then add nothing. */
function silenceSublayers(enc: TransformerEncoder): void {
  for (const layer of [enc.parts!.attention.output!, enc.parts!.output])
    layer.setWeights(layer.weights.map((w) => zeros([...w.shape])));
}

describe('TransformerEncoder', () => {
  it('keeps the shape and creates the attention and feed-forward weights', () => {
    const enc = transformerEncoder({ numHeads: 2, intermediateDim: 8 });
    expect(T(enc.apply(x)).shape).toEqual([2, 3, 4]);
    expect(enc.computeOutputShape([null, 3, 4])).toEqual([null, 3, 4]);
    // attention 4·(4·4+4); two layer norms 2·8; feed-forward 4·8+8 + 8·4+4
    expect(enc.countParams()).toBe(80 + 16 + 40 + 36);
    expect(enc.parts!.attention.keyDim).toBe(2);
  });

  it('pre-norm adds residuals to the raw input; post-norm normalizes after each residual', () => {
    const pre = transformerEncoder({ numHeads: 2, intermediateDim: 8, normFirst: true, ...init });
    const post = transformerEncoder({ numHeads: 2, intermediateDim: 8, normFirst: false, ...init });
    pre.apply(x);
    post.apply(x);
    post.setWeights(pre.getWeights());
    expect(values(pre.apply(x))).not.toEqual(values(post.apply(x)));
    // post-norm ends in a layer norm (gamma 1, beta 0): every token has mean 0 and variance ≈ 1
    const { mean: m, variance: v } = moments(T(post.apply(x)), -1);
    expectClose(m, new Array(6).fill(0), 1e-5);
    expectClose(v, new Array(6).fill(1), 1e-3);
    // with both sublayers silenced, pre-norm is the identity and post-norm is LN(LN(x))
    silenceSublayers(pre);
    silenceSublayers(post);
    expectClose(pre.apply(x), values(x), 1e-6);
    const ln = (v: number[]) =>
      v.map((_, i) => {
        const row = v.slice(i - (i % 4), i - (i % 4) + 4);
        const mu = row.reduce((a, c) => a + c, 0) / 4;
        const variance = row.reduce((a, c) => a + (c - mu) ** 2, 0) / 4;
        return (v[i]! - mu) / Math.sqrt(variance + 1e-5);
      });
    expectClose(post.apply(x), ln(ln(values(x))), 1e-4);
  });

  it('wires the sublayers in the documented order', () => {
    for (const normFirst of [true, false]) {
      const enc = transformerEncoder({ numHeads: 2, intermediateDim: 8, normFirst, ...init });
      const y = enc.apply(x);
      const p = enc.parts!;
      const f = (l: { apply: (t: Tensor) => unknown }, t: Tensor) => T(l.apply(t));
      const ffn = (t: Tensor) => f(p.output, f(p.intermediate, t));
      let expected: Tensor;
      if (normFirst) {
        const h = add(x, f(p.attention, f(p.attentionNorm, x)));
        expected = add(h, ffn(f(p.feedForwardNorm, h)));
      } else {
        const h = f(p.attentionNorm, add(x, f(p.attention, x)));
        expected = f(p.feedForwardNorm, add(h, ffn(h)));
      }
      expectClose(y, values(expected), 1e-6);
    }
  });

  it('the feed-forward activation is selectable (relu, gelu, swish) and changes the output', () => {
    const outputs = (['relu', 'gelu', 'swish'] as const).map((activation) => {
      const enc = transformerEncoder({ numHeads: 2, intermediateDim: 8, activation, ...init });
      enc.apply(x);
      expect(enc.parts!.intermediate.activation?.name).toBe(activation);
      expect(enc.getConfig().activation).toMatchObject({ name: activation });
      return values(enc.apply(x));
    });
    // same seeded weights, different activation: different outputs
    expect(outputs[0]).not.toEqual(outputs[1]);
    expect(outputs[1]).not.toEqual(outputs[2]);
  });

  it('applies dropout only in training, reproducibly for a seed', () => {
    const a = transformerEncoder({ numHeads: 2, intermediateDim: 8, dropout: 0.3, seed: 2, ...init });
    const b = transformerEncoder({ numHeads: 2, intermediateDim: 8, dropout: 0.3, seed: 2, ...init });
    const inference = values(a.apply(x));
    const train = values(a.apply(x, { training: true }));
    expect(train).not.toEqual(inference);
    b.apply(x);
    expect(values(b.apply(x))).toEqual(inference);
    expect(values(b.apply(x, { training: true }))).toEqual(train);
  });

  it('passes a causal mask to its attention: earlier tokens ignore later ones', () => {
    const enc = transformerEncoder({ numHeads: 1, intermediateDim: 4, ...init });
    const changed = concat([slice(x, [0, 0, 0], [2, 2, 4]), randomNormal([2, 1, 4], 0, 1, 'float32', 99)], 1);
    const first = (t: unknown) => values(slice(T(t), [0, 0, 0], [2, 2, 4]));
    expect(first(enc.apply(changed, { useCausalMask: true }))).toEqual(first(enc.apply(x, { useCausalMask: true })));
    expect(first(enc.apply(changed))).not.toEqual(first(enc.apply(x)));
  });

  it('gradients wrt input and every weight match finite differences (pre-norm, gelu)', () => {
    const enc = transformerEncoder({ numHeads: 2, intermediateDim: 4, normFirst: true, activation: 'gelu', ...init });
    const small = randomNormal([1, 2, 4], 0, 1, 'float32', 13);
    enc.apply(small);
    const r = checkLayerGradients(enc, [small], {}, 2e-2);
    expect(r.ok, r.message).toBe(true);
  });

  it('validates options and input shapes', () => {
    expect(() => transformerEncoder({ numHeads: 2, intermediateDim: 0 })).toThrow(
      new ValueError('transformer_encoder: intermediateDim must be a positive integer, received 0'),
    );
    expect(() => transformerEncoder({ numHeads: 8, intermediateDim: 4, name: 't' }).apply(x)).toThrow(
      new ValueError('t: hidden size 4 is smaller than numHeads 8; pass keyDim'),
    );
    const enc = transformerEncoder({ numHeads: 2, intermediateDim: 4, name: 't2' });
    expect(() => enc.apply(zeros([3, 4]))).toThrow(
      new ShapeError('t2: expected input of rank 3, received shape [3,4]'),
    );
    enc.apply(x);
    expect(() => enc.apply(zeros([1, 3, 6]))).toThrow(
      new ShapeError('t2: expected input with last dimension 4, received shape [1,3,6]'),
    );
  });
});
