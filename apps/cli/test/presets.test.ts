import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetLayers, presetNames } from '../src/config/presets.js';
import { loadDataset } from '../src/datasets/registry.js';
import { ensureBuilt, rectify, tempDir } from './helpers.js';

describe('sequence presets', () => {
  const cwd = tempDir('presets');
  beforeAll(ensureBuilt);

  it.each([
    ['lstm', 'sine-series', 'meanAbsoluteError', ['LSTM', 'Dense']],
    ['gru', 'moby-dick', 'accuracy', ['Embedding', 'GRU', 'Dense']],
    [
      'conv1d',
      'sine-series',
      'meanAbsoluteError',
      ['Conv1D', 'MaxPooling1D', 'Conv1D', 'GlobalAveragePooling1D', 'Dense'],
    ],
  ])('--model %s trains one epoch on %s', (preset, dataset, metric, classes) => {
    const out = join(cwd, preset);
    const r = rectify(
      [
        'train',
        '--dataset',
        dataset,
        '--model',
        preset,
        '--seq-len',
        '8',
        '--epochs',
        '1',
        '--limit',
        '64',
        '--out',
        out,
      ],
      cwd,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^epoch 1/1 {2}loss [\\d.]+ {2}${metric} [\\d.]+`, 'm'));
    const model = JSON.parse(readFileSync(join(out, 'model', 'model.json'), 'utf8')) as {
      modelTopology: { config: { layers: { className: string }[] } };
    };
    expect(model.modelTopology.config.layers.map((l) => l.className).filter((c) => c !== 'InputLayer')).toEqual(
      classes,
    );
  });

  it('an unknown preset is a usage error that lists every preset', () => {
    const r = rectify(['train', '--dataset', 'sine-series', '--model', 'lstn'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`expected one of ${presetNames.join(', ')}`);
    expect(presetNames).toEqual(['mlp', 'cnn', 'transformer', 'lstm', 'gru', 'conv1d', 'gpt']);
  });

  it('a preset given data it cannot take names both and the presets that fit', () => {
    const r = rectify(['train', '--dataset', 'iris', '--model', 'lstm', '--epochs', '1'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "rectify: model preset 'lstm' needs tokens or series data; dataset 'iris' is features data (input shape [4]); presets for features data: mlp\n",
    );
  });

  it('token windows get an embedding first; numeric series enter the recurrent layer as they are', () => {
    const series = loadDataset('sine-series', { seqLen: 8 });
    expect(series.inputShape).toEqual([8, 1]);
    expect(series.train.n).toBe(800);
    expect(series.test.n).toBe(200);
    // The target of window w is the first value of window w + 1's last step.
    expect(series.train.y[0]).toBe(series.train.x[8 + 7]);
    expect(presetLayers('gru', series, 'relu')).toEqual([
      { type: 'gru', units: 64 },
      { type: 'dense', units: 1 },
    ]);
    const text = loadDataset('moby-dick', { seqLen: 8, limit: 4 });
    expect(presetLayers('lstm', text, 'relu', [32]).slice(0, 2)).toEqual([
      { type: 'embedding', inputDim: 37, outputDim: 16 },
      { type: 'lstm', units: 32 },
    ]);
  });
});
