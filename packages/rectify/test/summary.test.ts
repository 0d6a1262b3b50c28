import { describe, expect, it } from 'vitest';
import { RectifyError } from '@rectify/tensor';
import { batchNormalization, dense, input } from '@rectify/layers';
import { model as functionalModel, sequential } from '../src/models/index.js';
import { fresh } from './helpers.js';

describe('summary', () => {
  it('prints a Keras-style table with shapes, counts, activation and initializer, and returns it', () => {
    fresh();
    const m = sequential([
      dense({ units: 16, activation: 'tanh', inputShape: [4] }),
      batchNormalization(),
      dense({ units: 3, activation: 'softmax' }),
    ]);
    const printed: string[] = [];
    const text = m.summary({ printFn: (s) => printed.push(s) });
    expect(printed).toEqual([text]);
    expect(text).toBe(
      [
        'Model: "sequential"',
        '_'.repeat(92),
        ' Layer (type)                              Output Shape  Param #  Activation  Initializer',
        '='.repeat(92),
        ' dense (Dense)                             (None, 16)    80       tanh        glorotUniform',
        '',
        ' batch_normalization (BatchNormalization)  (None, 16)    64       —           —',
        '',
        ' dense_1 (Dense)                           (None, 3)     51       softmax     glorotUniform',
        '='.repeat(92),
        'Total params: 195',
        'Trainable params: 163',
        'Non-trainable params: 32',
        '_'.repeat(92),
      ].join('\n'),
    );
  });

  it('hints where activation and initializer work against each other', () => {
    fresh();
    const m = sequential([
      dense({ units: 64, activation: 'relu', inputShape: [100] }),
      dense({ units: 64, activation: 'relu', kernelInitializer: 'heNormal' }),
      dense({ units: 64, activation: 'relu', kernelInitializer: { name: 'randomNormal', stddev: 0.01 } }),
      dense({ units: 64, activation: 'selu', kernelInitializer: 'heNormal' }),
      dense({ units: 64, activation: 'selu', kernelInitializer: 'lecunNormal' }),
      dense({ units: 64, activation: 'tanh' }),
      dense({ units: 1, activation: 'leakyRelu', kernelInitializer: 'glorotNormal' }),
    ]);
    const hints = m
      .summary({ printFn: () => {} })
      .split('\n')
      .filter((l) => l.startsWith('hint:'));
    expect(hints).toEqual([
      'hint: dense uses relu with glorotUniform — heNormal keeps ReLU activations from shrinking layer after layer',
      'hint: dense_2 uses relu with randomNormal (std 0.010, He would use 0.18 for fan-in 64) — heNormal keeps the signal from vanishing in deep ReLU stacks',
      'hint: dense_3 uses selu with heNormal — lecunNormal keeps selu self-normalizing (mean 0, variance 1 through the layers)',
      'hint: dense_6 uses leakyRelu with glorotNormal — heNormal keeps ReLU activations from shrinking layer after layer',
    ]);
  });

  it('lists the input layer of a functional model and refuses an unbuilt model', () => {
    fresh();
    const x = input({ shape: [3] });
    const m = functionalModel({
      inputs: x,
      outputs: dense({ units: 2, kernelInitializer: 'heUniform' }).apply(x) as never,
    });
    const rows = m.summary({ printFn: () => {} }).split('\n');
    expect(rows[2]).toBe(' Layer (type)              Output Shape  Param #  Activation  Initializer');
    expect(rows[4]).toBe(' input_layer (InputLayer)  (None, 3)     0        —           —');
    expect(rows[6]).toBe(' dense (Dense)             (None, 2)     8        linear      heUniform');
    expect(() => sequential([dense({ units: 1 })], { name: 'lazy' }).summary()).toThrow(
      new RectifyError(
        "summary: model 'lazy' is not built yet; give the first layer an inputShape, start with input({shape}), or call build([null, ...shape]) or fit first",
      ),
    );
  });
});
