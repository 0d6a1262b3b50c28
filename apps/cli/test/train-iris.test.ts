import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '@rectify/rectify';
import { EXAMPLES, ensureBuilt, rectify, tempDir } from './helpers.js';

describe('rectify train on iris, end to end', () => {
  const cwd = tempDir('iris');
  const run = join(cwd, 'run');
  let train: ReturnType<typeof rectify>;

  beforeAll(() => {
    ensureBuilt();
    train = rectify(['train', join(EXAMPLES, 'iris-mlp.yaml'), '--out', run], cwd);
  });

  it('exits 0 and prints one summary line per epoch, the test result and the paths', () => {
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    const epochLines = train.stdout.split('\n').filter((l) => /^epoch\s+\d+\/40 /.test(l));
    expect(epochLines).toHaveLength(40);
    expect(epochLines[0]).toMatch(
      /loss [\d.]+ {2}accuracy [\d.]+ {2}val_loss [\d.]+ {2}val_accuracy [\d.]+ .* samples\/s$/,
    );
    expect(train.stdout).toMatch(/^test \(30 held-out samples\): loss [\d.]+ {2}accuracy [\d.]+$/m);
    for (const file of ['config.json', 'metrics.jsonl', 'metrics.csv', 'curves.svg', 'model'])
      expect(train.stdout).toContain(join(run, file));
  });

  it('writes the run directory: config, metrics as JSON lines and CSV, checkpoints, model, plot', () => {
    for (const f of [
      'config.json',
      'metrics.jsonl',
      'metrics.csv',
      'curves.svg',
      'test.json',
      'model/model.json',
      'model/rectify-cli.json',
      'checkpoints/latest.json',
    ]) {
      expect(existsSync(join(run, f)), f).toBe(true);
    }
    const rows = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    expect(rows.map((r) => r['epoch'])).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy'])
      expect(Number.isFinite(rows[39]![key])).toBe(true);
    const csv = readFileSync(join(run, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('epoch,loss,accuracy,val_loss,val_accuracy,epoch_seconds');
    expect(csv).toHaveLength(41);
    expect(Number(csv[40]!.split(',')[1])).toBe(rows[39]!['loss']);
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({
      epochs: 40,
      batchSize: 16,
      seed: 42,
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });
    expect(readFileSync(join(run, 'curves.svg'), 'utf8')).toMatch(
      /^<svg [^>]*>[\s\S]*<path class="rf-series"[\s\S]*<\/svg>\n$/,
    );
  });

  it('reaches at least 0.9 test accuracy, and the saved model loads with rf.loadModel', async () => {
    const test = JSON.parse(readFileSync(join(run, 'test.json'), 'utf8')) as { accuracy: number };
    expect(test.accuracy).toBeGreaterThanOrEqual(0.9);
    const model = await loadModel(join(run, 'model'));
    expect(model.countParams()).toBe(4 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3);
    model.dispose();
  });

  it('evaluate --json prints one object with the loss and each metric, matching the training run', () => {
    const r = rectify(['evaluate', run, '--json'], cwd);
    expect(r.code).toBe(0);
    const logs = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(logs).sort()).toEqual(['accuracy', 'dataset', 'loss', 'samples', 'split']);
    const test = JSON.parse(readFileSync(join(run, 'test.json'), 'utf8')) as { accuracy: number; loss: number };
    expect(logs['accuracy']).toBe(test.accuracy);
    expect(logs['loss']).toBeCloseTo(test.loss, 6);
    expect(logs).toMatchObject({ samples: 30, dataset: 'iris', split: 'test' });
  });

  it('predict classifies CSV and JSON samples, using the saved standardisation', () => {
    const csv = join(cwd, 'flowers.csv');
    writeFileSync(
      csv,
      'sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n6.9,3.1,5.4,2.1,virginica\n',
    );
    const r = rectify(['predict', join(run, 'model'), '--input', csv, '--json'], cwd);
    expect(r.code).toBe(0);
    const { predictions } = JSON.parse(r.stdout) as {
      predictions: { label: string; probability: number; top: unknown[] }[];
    };
    expect(predictions.map((p) => p.label)).toEqual(['setosa', 'virginica']);
    expect(predictions[0]!.top).toHaveLength(3);
    const json = join(cwd, 'flower.json');
    writeFileSync(json, JSON.stringify([5.0, 3.4, 1.5, 0.2]));
    const human = rectify(['predict', run, '--input', json], cwd);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /^sample 1: setosa \(p=[01]\.\d{3}\) {2}top: setosa [\d.]+, \w+ [\d.]+, \w+ [\d.]+\n$/,
    );
  });
});
