import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, rectify, tempDir } from './helpers.js';

describe('rectify generate', () => {
  const cwd = tempDir('generate');
  beforeAll(() => {
    ensureBuilt();
    // a tiny causal model: enough to have a vocabulary and per-position outputs, not to write well
    const tiny = ['--model', 'gpt', '--hidden', '32', '--seq-len', '16', '--limit', '64', '--epochs', '1'];
    const r = rectify(['train', '--dataset', 'moby-dick', ...tiny, '--out', 'gpt', '--activation', 'geglu'], cwd);
    if (r.code !== 0) throw new Error(r.stderr);
  });

  it('trains --model gpt with per-position targets and reports bits per character', () => {
    const config = JSON.parse(readFileSync(join(cwd, 'gpt/config.json'), 'utf8')) as { metrics: string[] };
    expect(config.metrics).toEqual(['bitsPerCharacter', 'accuracy']);
    const test = JSON.parse(readFileSync(join(cwd, 'gpt/test.json'), 'utf8')) as Record<string, number>;
    // held-out bits per character is the loss in base 2
    expect(test['bitsPerCharacter']).toBeCloseTo(test['loss']! / Math.LN2, 4);
  });

  it('continues the prompt; the same seed gives the same text, another seed another', () => {
    const run = (seed: string) =>
      rectify(['generate', 'gpt', '--prompt', 'Call me', '--length', '40', '--temperature', '1', '--seed', seed], cwd);
    const a = run('1');
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^call me.{40}\n$/s);
    expect(run('1').stdout).toBe(a.stdout);
    expect(run('2').stdout).not.toBe(a.stdout);
    const greedy = rectify(
      ['generate', 'gpt', '--prompt', 'Call me', '--length', '5', '--temperature', '0', '--json'],
      cwd,
    );
    expect(JSON.parse(greedy.stdout)).toEqual({ prompt: 'call me', text: expect.stringMatching(/^.{5}$/s) });
  });

  it('refuses characters outside the vocabulary and models that are not language models', () => {
    const bad = rectify(['generate', 'gpt', '--prompt', 'Call me 42'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--prompt: characters "42" are not in the model's vocabulary/);
    expect(rectify(['train', '--dataset', 'iris', '--epochs', '1', '--out', 'iris'], cwd).code).toBe(0);
    const iris = rectify(['generate', 'iris', '--prompt', 'a'], cwd);
    expect(iris.code).toBe(1);
    expect(iris.stderr).toMatch(/has no vocabulary in rectify-cli\.json: generate needs a model trained on text/);
  });
});
