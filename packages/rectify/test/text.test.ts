import { describe, expect, it } from 'vitest';
import { ValueError, setSeed, tensor } from '@rectify/tensor';
import { dense, layerNormalization, tokenAndPositionEmbedding, transformerDecoder } from '@rectify/layers';
import { sequential } from '../src/models/index.js';
import { adam } from '../src/optimizers/index.js';
import { bitsPerCharacter, getMetric } from '../src/metrics/index.js';
import { generate, sampleToken } from '../src/text/index.js';

describe('bitsPerCharacter', () => {
  it('is the mean of −log₂ p[label] over every position', () => {
    const m = bitsPerCharacter();
    m.update(
      tensor([[1, 0]]),
      tensor([
        [
          [0.5, 0.5],
          [0.25, 0.75],
        ],
      ]),
    );
    expect(m.result()).toBeCloseTo((1 + 2) / 2, 6);
    const logits = bitsPerCharacter({ fromLogits: true });
    logits.update(tensor([2]), tensor([[0, 0, 0, 0]]));
    expect(logits.result()).toBeCloseTo(2, 6); // uniform over 4 symbols: log₂ 4
    expect(getMetric('bpc').name).toBe('bitsPerCharacter');
    expect(() =>
      m.update(
        tensor([[5, 0]]),
        tensor([
          [
            [0.5, 0.5],
            [0.25, 0.75],
          ],
        ]),
      ),
    ).toThrow(/bitsPerCharacter: labels must be integers in \[0, 2\), received 5/);
  });
});

describe('sampleToken', () => {
  const p = Float32Array.of(0.1, 0.6, 0.3);
  it('is greedy at temperature 0 or topK 1, and draws by cumulative probability otherwise', () => {
    expect(sampleToken(p, 0.99, { temperature: 0 })).toBe(1);
    expect(sampleToken(p, 0.99, { topK: 1 })).toBe(1);
    // order by probability: 1 (0.6), 2 (0.3), 0 (0.1)
    expect([0.0, 0.59, 0.61, 0.89, 0.91].map((u) => sampleToken(p, u))).toEqual([1, 1, 2, 2, 0]);
    // topK 2 renormalises 0.6 / 0.3 → 2/3, 1/3
    expect([0.6, 0.7].map((u) => sampleToken(p, u, { topK: 2 }))).toEqual([1, 2]);
    // temperature 0.5 squares the odds: 0.36 : 0.09 : 0.01 → 1 has 0.36/0.46 = 0.7826
    expect([0.78, 0.79].map((u) => sampleToken(p, u, { temperature: 0.5 }))).toEqual([1, 2]);
    expect(sampleToken(Float32Array.of(0, 2, 1), 0.7, { fromLogits: true })).toBe(2); // softmax: .09 .67 .24
  });

  it('rejects bad options by name', () => {
    expect(() => sampleToken(p, 0.5, { temperature: -1 })).toThrow(
      /temperature must be a finite number >= 0, received -1/,
    );
    expect(() => sampleToken(p, 0.5, { topK: 0 })).toThrow(ValueError);
  });
});

describe('generate', () => {
  const text = 'call me ishmael. ';
  const vocab = [...new Set(text)].sort();
  const ids = [...text].map((c) => vocab.indexOf(c));
  const T = ids.length - 1;

  it('a tiny causal model overfits a short text to near-zero loss and regenerates it; sampling is seeded', async () => {
    setSeed(3);
    const model = sequential([
      tokenAndPositionEmbedding({ vocabularySize: vocab.length, sequenceLength: T, embeddingDim: 24, inputShape: [T] }),
      transformerDecoder({ numHeads: 2, intermediateDim: 48, activation: 'gelu' }),
      layerNormalization(),
      dense({ units: vocab.length, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
    // the text as one window, the targets shifted by one: every position sees the whole prefix, so each next
    // character is determined and the loss can reach zero
    const x = tensor([ids.slice(0, T)], [1, T], 'int32');
    const y = tensor([ids.slice(1, T + 1)], [1, T], 'int32');
    const history = await model.fit(x, y, { epochs: 120, batchSize: 1, verbose: 0, shuffle: false });
    const loss = history.history['loss']!;
    expect(loss[loss.length - 1]).toBeLessThan(0.02);
    const greedy = generate(model, ids.slice(0, 3), { length: T - 2, temperature: 0 });
    expect(greedy.map((i) => vocab[i]).join('')).toBe(text.slice(3, T + 1));
    const a = generate(model, ids.slice(0, 1), { length: 20, temperature: 1.5, seed: 7 });
    const b = generate(model, ids.slice(0, 1), { length: 20, temperature: 1.5, seed: 7 });
    const c = generate(model, ids.slice(0, 1), { length: 20, temperature: 1.5, seed: 8 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(() => generate(model, [], { length: 1 })).toThrow(/prompt must hold at least one token/);
  }, 60_000);
});
