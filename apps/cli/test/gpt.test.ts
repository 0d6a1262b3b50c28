import { describe, expect, it } from 'vitest';
import { get as getActivation } from '@rectify/activations';
import { setSeed, tensor } from '@rectify/tensor';
import { sequenceWindows, unigramBits } from '../src/datasets/char-lm.js';
import { loadDataset } from '../src/datasets/registry.js';
import { loadOptionsFor, resolveConfig } from '../src/config/resolve.js';
import { buildModel } from '../src/config/build-model.js';
import { layerSpecs } from '../src/config/build-layers.js';
import { gptLayers } from '../src/config/gpt-preset.js';
import { applyFlags } from '../src/config/flags.js';

describe('character language model data', () => {
  it('sequenceWindows shifts the targets by one token at every position', () => {
    const s = sequenceWindows(Int32Array.of(1, 2, 3, 4, 5, 6), 2);
    expect(s.n).toBe(2);
    expect([...s.x]).toEqual([1, 2, 3, 4]);
    expect([...s.y]).toEqual([2, 3, 4, 5]);
    expect(sequenceWindows(Int32Array.of(1), 2).n).toBe(0);
  });

  it('unigramBits is the add-one-smoothed unigram crossentropy in bits', () => {
    // counts with add-one: symbol 0 → 3, symbol 1 → 1; p = 3/4, 1/4
    expect(unigramBits([0, 0], [0, 1], 2)).toBeCloseTo((-Math.log2(0.75) - Math.log2(0.25)) / 2, 10);
  });

  it('--model gpt gives moby-dick per-position targets, bitsPerCharacter and a causal stack', () => {
    const input = applyFlags(undefined, {
      dataset: 'moby-dick',
      model: 'gpt',
      seqLen: 16,
      limit: 10,
      activation: 'geglu',
    });
    const options = loadOptionsFor(input);
    expect(options.targets).toBe('sequence');
    const data = loadDataset('moby-dick', options);
    expect(data.targetShape).toEqual([16]);
    expect([...data.train.y.subarray(0, 15)]).toEqual([...data.train.x.subarray(1, 16)]);
    const config = resolveConfig(input, data);
    expect(config.metrics).toEqual(['bitsPerCharacter', 'accuracy']);
    const specs = layerSpecs(config, data);
    expect(specs.map((s) => s.type)).toEqual([
      'tokenAndPositionEmbedding',
      ...Array(4).fill('transformerEncoder'),
      'layerNormalization',
      'dense',
    ]);
    // geglu: ⅔ of the 512 width, the gelu's recommended initializer
    expect(specs[1]).toMatchObject({ activation: 'geglu', intermediateDim: 341, causal: true, numHeads: 4 });
    expect(specs[1]!['kernelInitializer']).toBe(getActivation('gelu').recommendedInitializer);
    expect(() =>
      layerSpecs(
        resolveConfig(applyFlags(undefined, { dataset: 'iris', activation: 'swiglu' }), loadDataset('iris')),
        loadDataset('iris'),
      ),
    ).toThrow(/'swiglu' is a gated feed-forward network, which only transformer blocks have/);
  });

  it('gptLayers sizes d = width / 4 and heads = d / 32', () => {
    const data = { numClasses: 37, inputShape: [64], vocabulary: undefined };
    expect(gptLayers(data, 'relu', [256, 256])[1]).toMatchObject({ numHeads: 2, intermediateDim: 256 });
    expect(gptLayers(data, 'relu', [256, 256])[0]).toMatchObject({ embeddingDim: 64, sequenceLength: 64 });
  });
});

describe('a CI-sized causal character model on Moby-Dick', () => {
  // About 15 s of CPU on 2 idle cores (92 steps); the generous timeout is for a shared, loaded machine.
  it(
    'beats the unigram baseline on the held-out text by more than 0.4 bits per character',
    { timeout: 240_000 },
    async () => {
      const input = applyFlags(undefined, {
        dataset: 'moby-dick',
        model: 'gpt',
        seqLen: 32,
        limit: 480,
        hidden: [128],
        activation: 'gelu',
        lr: 0.01,
        seed: 1,
      });
      const data = loadDataset('moby-dick', loadOptionsFor(input));
      const config = resolveConfig(input, data);
      const model = buildModel(config, data);
      const x = tensor(data.train.x, [data.train.n, 32], 'int32');
      const y = tensor(data.train.y, [data.train.n, 32], 'int32');
      setSeed(1);
      await model.fit(x, y, { epochs: 4, batchSize: 16, verbose: 0 });
      const n = 200; // the first 200 held-out windows (6,400 characters)
      const xt = tensor(data.test.x.subarray(0, n * 32), [n, 32], 'int32');
      const yt = tensor(data.test.y.subarray(0, n * 32), [n, 32], 'int32');
      const bits = model.evaluate(xt, yt, { batchSize: 100, returnDict: true })['bitsPerCharacter']!;
      const baseline = unigramBits(data.train.y, data.test.y.subarray(0, n * 32), 37);
      console.log(`held-out bits per character ${bits.toFixed(3)}, unigram baseline ${baseline.toFixed(3)}`);
      expect(baseline).toBeGreaterThan(3.9);
      expect(bits).toBeLessThan(baseline - 0.4); // measured: 3.70 against 4.27
    },
  );
});
