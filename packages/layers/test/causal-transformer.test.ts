import { ShapeError, ValueError, concat, randomNormal, slice, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  positionEmbedding,
  sineTable,
  sinePositionEncoding,
  tokenAndPositionEmbedding,
  transformerDecoder,
  transformerEncoder,
  dense,
  layerNormalization,
} from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

/** Abramowitz–Stegun 7.1.26 is too coarse at 1e-5; a series for erf on the small |z| these tests use. */
function erf(z: number): number {
  let term = z;
  let sum = z;
  for (let k = 1; k < 60; k++) {
    term *= (-z * z) / k;
    sum += term / (2 * k + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

const near = (got: readonly number[], want: readonly number[], tol: number) => expectClose(tensor([...got]), want, tol);

const init = { kernelInitializer: { name: 'glorotUniform', seed: 5 } };

/** x with the positions from `from` on replaced by fresh noise. */
function changeFuture(x: ReturnType<typeof randomNormal>, from: number, seed: number) {
  const [b, t, d] = x.shape as [number, number, number];
  return concat([slice(x, [0, 0, 0], [b, from, d]), randomNormal([b, t - from, d], 0, 3, 'float32', seed)], 1);
}

describe('causal transformer block', () => {
  it('changing a future position never changes an earlier output — exactly — while the non-causal block does', () => {
    const x = randomNormal([2, 6, 8], 0, 1, 'float32', 1);
    for (const activation of ['relu', 'gelu', 'geglu'] as const) {
      const causal = transformerDecoder({ numHeads: 2, intermediateDim: 16, activation, ...init });
      const open = transformerEncoder({ numHeads: 2, intermediateDim: 16, activation, normFirst: true, ...init });
      for (const from of [1, 3, 5]) {
        const x2 = changeFuture(x, from, 10 + from);
        const past = (layer: typeof causal, input: typeof x) =>
          values(slice(T(layer.apply(input)), [0, 0, 0], [2, from, 8]));
        expect(past(causal, x2)).toEqual(past(causal, x));
        expect(past(open, x2)).not.toEqual(past(open, x));
      }
    }
  });

  it('a causal stack predicts position i from tokens 0..i only (embedding → 2 blocks → logits)', () => {
    const stack = [
      tokenAndPositionEmbedding({ vocabularySize: 7, sequenceLength: 5, embeddingDim: 8 }),
      transformerDecoder({ numHeads: 2, intermediateDim: 12, activation: 'swiglu' }),
      transformerDecoder({ numHeads: 2, intermediateDim: 12, activation: 'gelu' }),
      layerNormalization(),
      dense({ units: 7 }),
    ];
    const a = tensor([[1, 2, 3, 4, 5]], [1, 5], 'int32');
    const b = tensor([[1, 2, 6, 0, 0]], [1, 5], 'int32');
    const logits = (t: typeof a) => stack.reduce((h, l) => T(l.apply(h)), t);
    expect(values(slice(logits(b), [0, 0, 0], [1, 2, 7]))).toEqual(values(slice(logits(a), [0, 0, 0], [1, 2, 7])));
    expect(values(slice(logits(b), [0, 2, 0], [1, 1, 7]))).not.toEqual(values(slice(logits(a), [0, 2, 0], [1, 1, 7])));
  });

  it('the gated feed-forward is output(act(x·W) ⊙ (x·V)) with a separate gate projection', () => {
    const block = transformerEncoder({
      numHeads: 1,
      intermediateDim: 3,
      activation: 'geglu',
      normFirst: true,
      ...init,
    });
    const x = randomNormal([1, 2, 4], 0, 1, 'float32', 4);
    block.apply(x);
    const s = block.parts!;
    expect(block.gated).toBe(true);
    expect(block.feedForwardActivation!.name).toBe('gelu');
    expect(s.gate!.kernel!.shape).toEqual([4, 3]);
    // attention 4·(4·4+4); two norms 2·8; W and V 2·(4·3+3); output 3·4+4
    expect(block.countParams()).toBe(80 + 16 + 30 + 16);
    // silence attention: with pre-norm the block is then x + output(gelu(W·LN(x)) ⊙ V·LN(x))
    const attnOut = s.attention.output!;
    attnOut.setWeights(attnOut.weights.map((w) => tensor(new Array(w.size).fill(0), [...w.shape])));
    const n = T(s.feedForwardNorm.apply(x));
    const w = values(s.intermediate.kernel!);
    const v = values(s.gate!.kernel!);
    const gelu = (z: number) => 0.5 * z * (1 + erf(z / Math.SQRT2));
    const hg = [0, 1].flatMap((t) =>
      [0, 1, 2].map((j) => {
        const row = values(n).slice(t * 4, t * 4 + 4);
        const zw = row.reduce((acc, xi, i) => acc + xi * w[i * 3 + j]!, 0);
        const zv = row.reduce((acc, xi, i) => acc + xi * v[i * 3 + j]!, 0);
        return gelu(zw) * zv;
      }),
    );
    const expected = values(s.output.apply(tensor(hg, [1, 2, 3]))).map((y, i) => y + values(x)[i]!);
    near(values(block.apply(x)), expected, 1e-5);
    expect(block.getConfig()).toMatchObject({ activation: { name: 'gelu' }, gated: true, causal: false });
    expect(() => transformerEncoder({ numHeads: 1, intermediateDim: 3, activation: 'swiglu', gated: false })).toThrow(
      ValueError,
    );
    expect(checkLayerGradients(block, [x]).ok).toBe(true);
  });

  it('transformerDecoder is causal and pre-norm by default', () => {
    const d = transformerDecoder({ numHeads: 2, intermediateDim: 4 });
    expect([d.causal, d.normFirst, d.className]).toEqual([true, true, 'TransformerEncoder']);
  });
});

describe('position embeddings', () => {
  it('sineTable matches sin/cos of p / 10000^(2i/d)', () => {
    const table = values(sineTable(3, 4));
    const ref = [0, 1, 2].flatMap((p) => [
      Math.sin(p),
      Math.cos(p),
      Math.sin(p / 10000 ** 0.5),
      Math.cos(p / 10000 ** 0.5),
    ]);
    near(table, ref, 1e-6);
    const enc = sinePositionEncoding();
    expect(T(enc.apply(randomNormal([2, 3, 4]))).shape).toEqual([2, 3, 4]);
    expectClose(slice(T(enc.apply(randomNormal([2, 3, 4]))), [1, 0, 0], [1, 3, 4]), ref, 1e-6);
  });

  it('positionEmbedding returns the first T rows of its table for every batch row, and rejects T > sequenceLength', () => {
    const pe = positionEmbedding({ sequenceLength: 4 });
    const x = randomNormal([2, 3, 2]);
    const out = T(pe.apply(x));
    const rows = values(slice(pe.embeddings!, [0, 0], [3, 2]));
    expect(values(out)).toEqual([...rows, ...rows]);
    expect(() => pe.apply(randomNormal([1, 5, 2]))).toThrow(ShapeError);
    expect(() => pe.apply(randomNormal([1, 5, 2]))).toThrow(/input length 5 exceeds sequenceLength 4/);
    expect(checkLayerGradients(pe, [x]).ok).toBe(true);
  });

  it('tokenAndPositionEmbedding adds the token vector and the position vector', () => {
    const layer = tokenAndPositionEmbedding({ vocabularySize: 5, sequenceLength: 4, embeddingDim: 3 });
    const ids = tensor([[4, 0, 4]], [1, 3], 'int32');
    const out = values(layer.apply(ids));
    const tok = values(layer.tokens.embeddings!);
    const pos = values((layer.position as ReturnType<typeof positionEmbedding>).embeddings!);
    const expected = [4, 0, 4].flatMap((id, p) => [0, 1, 2].map((j) => tok[id * 3 + j]! + pos[p * 3 + j]!));
    near(out, expected, 1e-6);
    expect(layer.countParams()).toBe(5 * 3 + 4 * 3);
    expect(() => tokenAndPositionEmbedding({ vocabularySize: 5, sequenceLength: 4, embeddingDim: 0 })).toThrow(
      /embeddingDim must be a positive integer, received 0/,
    );
    expect(() =>
      tokenAndPositionEmbedding({
        vocabularySize: 5,
        sequenceLength: 4,
        embeddingDim: 2,
        positions: 'rotary' as never,
      }),
    ).toThrow(/positions must be 'learned' or 'sine', received "rotary"/);
  });
});
