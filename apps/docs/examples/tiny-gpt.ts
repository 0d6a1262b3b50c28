// A causal transformer in the page: learn the first sentences of Moby-Dick character by character, then
// sample from it. Change the activation to 'relu', 'swish' or 'geglu' and run it again.
import * as rf from '@rectify/rectify';
import type { ExampleContext } from '../src/example-api.js';

const TEXT =
  'call me ishmael. some years ago, never mind how long precisely, having little or no money in my purse, ' +
  'and nothing particular to interest me on shore, i thought i would sail about a little and see the watery ' +
  'part of the world.';

export async function run(ctx: ExampleContext) {
  const vocab = [...new Set(TEXT)].sort();
  const ids = [...TEXT].map((c) => vocab.indexOf(c));
  const T = 24; // context length
  // every window, so that generation meets every offset of the text it saw in training
  const starts = Array.from({ length: ids.length - T }, (_, i) => i);
  const x = rf.tensor(
    starts.flatMap((s) => ids.slice(s, s + T)),
    [starts.length, T],
    'int32',
  );
  const y = rf.tensor(
    starts.flatMap((s) => ids.slice(s + 1, s + T + 1)),
    [starts.length, T],
    'int32',
  );

  rf.setSeed(1);
  const model = rf.sequential({
    layers: [
      rf.layers.tokenAndPositionEmbedding({
        vocabularySize: vocab.length,
        sequenceLength: T,
        embeddingDim: 32,
        inputShape: [T],
      }),
      rf.layers.transformerDecoder({ numHeads: 2, intermediateDim: 64, activation: 'gelu' }),
      rf.layers.layerNormalization(),
      rf.layers.dense({ units: vocab.length, activation: 'softmax' }),
    ],
  });
  model.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.01 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['bitsPerCharacter'],
  });
  const h = await model.fit(x, y, { epochs: 25, batchSize: 32, verbose: 0, seed: 2 });
  const bits = h.history['bitsPerCharacter']!;
  ctx.print(
    `bits per character: ${bits[0]!.toFixed(2)} → ${bits.at(-1)!.toFixed(2)} (uniform guess ${Math.log2(vocab.length).toFixed(2)})`,
  );

  const prompt = [...'call me '].map((c) => vocab.indexOf(c));
  const sample = (temperature: number) =>
    rf.text
      .generate(model, prompt, { length: 60, temperature, topK: 5, seed: 3 })
      .map((i) => vocab[i])
      .join('');
  const greedy = sample(0);
  ctx.print(`greedy:      call me ${greedy}`);
  ctx.print(`temperature: call me ${sample(0.8)}`);
  ctx.plot({
    kind: 'line',
    title: 'Training bits per character',
    xLabel: 'epoch',
    yLabel: 'bits',
    series: [{ name: 'gelu', x: bits.map((_, i) => i + 1), y: bits }],
  });
  return { bits, greedy };
}
