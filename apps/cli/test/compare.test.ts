import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, rectify, tempDir } from './helpers.js';

describe('rectify compare', () => {
  const cwd = tempDir('compare');
  beforeAll(() => ensureBuilt());

  it('trains once per activation and prints a table with one row per activation', () => {
    const r = rectify(
      [
        'compare',
        '--activations',
        'relu,tanh',
        '--dataset',
        'two-moons',
        '--epochs',
        '3',
        '--seeds',
        '1',
        '--out',
        'cmp',
      ],
      cwd,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('activation'));
    expect(lines[header]).toMatch(
      /^activation\s+initializer\s+val_accuracy \(mean ± std, 1 seed\)\s+loss\s+val_loss\s+s\/epoch\s+peak MiB\s+active\s+dead$/,
    );
    const rows = lines.slice(header + 2).filter((l) => /^(relu|tanh) /.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^relu\s+heNormal\s+0\.\d{4} ± 0\.0000\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+\s+[\d.]+%\s+\d+\/128$/,
    );
    expect(rows[1]).toMatch(/^tanh\s+glorotUniform\s+0\.\d{4} ± 0\.0000 /);
    const json = JSON.parse(readFileSync(join(cwd, 'cmp/compare.json'), 'utf8')) as {
      activation: string;
      metric: number[];
    }[];
    expect(json.map((row) => row.activation)).toEqual(['relu', 'tanh']);
    // The table reports what the runs measured: the final val_accuracy of each run's metrics.jsonl.
    const last = readFileSync(join(cwd, 'cmp/relu-seed42/metrics.jsonl'), 'utf8').trim().split('\n').pop()!;
    expect(json[0]!.metric[0]).toBe((JSON.parse(last) as { val_accuracy: number }).val_accuracy);
    expect(existsSync(join(cwd, 'cmp/compare.svg'))).toBe(true);
  });

  it('rejects an unknown activation before training anything', () => {
    const r = rectify(['compare', '--activations', 'relu,gleu', '--dataset', 'two-moons'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^rectify: --activations \(item 2\): unknown activation 'gleu' \(did you mean 'gelu'\?\); known activations: .+\n$/,
    );
  });
});
