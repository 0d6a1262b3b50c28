import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from '../src/suggest.js';
import { mean, meanCurve, meanStd, std } from '../src/compare/stats.js';
import { combineLogs, extendPartial, FRESH_STATE } from '../src/train/state.js';
import { type EpochLog, historyCsv, historyJsonl } from '../src/run-dir/metrics-log.js';
import { checkpointName, readLatestCheckpoint, writeCheckpoint } from '../src/run-dir/checkpoints.js';
import { formatDuration } from '../src/output/format.js';
import { table } from '../src/output/table.js';
import { stepSeed, shuffleKey } from '../src/train/seeds.js';
import { applyFlags } from '../src/config/flags.js';

describe('suggestions', () => {
  it('counts a transposition as one edit and suggests only plausible names', () => {
    expect(editDistance('irsi', 'iris')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('mnsit', ['iris', 'mnist'])).toBe('mnist');
    expect(nearest('boston', ['iris', 'mnist'])).toBeUndefined();
  });
});

describe('statistics for compare', () => {
  it('mean and sample standard deviation', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(std([0.5])).toBe(0);
    expect(meanStd([0.9, 0.92, 0.94])).toBe('0.9200 ± 0.0200');
    expect(
      meanCurve([
        [1, 2, 3],
        [3, 4],
      ]),
    ).toEqual([2, 3]);
  });
});

describe('training state', () => {
  it('completes a partial epoch with sample-weighted means', () => {
    const partial = extendPartial(null, { loss: 0.5, accuracy: 0.8 }, 10, 1);
    expect(partial).toEqual({ samples: 10, sums: { loss: 5, accuracy: 8 }, seconds: 1 });
    expect(combineLogs(partial, { loss: 0.3, accuracy: 0.9 }, 30)).toEqual({
      loss: (5 + 9) / 40,
      accuracy: (8 + 27) / 40,
    });
    expect(combineLogs(null, { loss: 0.3 }, 30)).toEqual({ loss: 0.3 });
  });

  it('derives different, reproducible seeds per epoch and step', () => {
    expect(stepSeed(42, 1, 2)).toBe(stepSeed(42, 1, 2));
    expect(new Set([stepSeed(42, 1, 2), stepSeed(42, 2, 1), stepSeed(43, 1, 2)]).size).toBe(3);
    expect(shuffleKey(1, 0).uint32(2)).toEqual(shuffleKey(1, 0).uint32(2));
  });
});

describe('metrics files', () => {
  it('JSON lines and CSV with the union of columns', () => {
    const h: EpochLog[] = [
      { epoch: 1, loss: 0.5 },
      { epoch: 2, loss: 0.25, val_loss: 0.3 },
    ];
    expect(historyJsonl(h)).toBe('{"epoch":1,"loss":0.5}\n{"epoch":2,"loss":0.25,"val_loss":0.3}\n');
    expect(historyCsv(h)).toBe('epoch,loss,val_loss\n1,0.5,\n2,0.25,0.3\n');
  });
});

describe('checkpoints', () => {
  it('latest.json always names a complete checkpoint; old ones and crashed temporaries are pruned', async () => {
    const run = mkdtempSync(join(tmpdir(), 'rectify-ckpt-'));
    for (let epoch = 1; epoch <= 3; epoch++) {
      await writeCheckpoint(run, { ...FRESH_STATE, epoch }, async (dir) =>
        writeFileSync(join(dir, 'weights.bin'), String(epoch)),
      );
    }
    // A writer that crashed halfway left a temporary directory behind: ignored, then cleaned up.
    mkdirSync(join(run, 'checkpoints', '.epoch-0004.tmp-999999-0'));
    expect(readLatestCheckpoint(run).state.epoch).toBe(3);
    await writeCheckpoint(run, { ...FRESH_STATE, epoch: 3, step: 7 }, async () => undefined);
    expect(readdirSync(join(run, 'checkpoints')).sort()).toEqual(['epoch-0003', 'epoch-0003-step-0007', 'latest.json']);
    expect(readLatestCheckpoint(run).dir).toBe(join(run, 'checkpoints', 'epoch-0003-step-0007'));
    expect(checkpointName({ epoch: 12, step: 0 })).toBe('epoch-0012');
  });

  it('a failed save leaves the previous checkpoint in place', async () => {
    const run = mkdtempSync(join(tmpdir(), 'rectify-ckpt-'));
    await writeCheckpoint(run, { ...FRESH_STATE, epoch: 1 }, async () => undefined);
    await expect(
      writeCheckpoint(run, { ...FRESH_STATE, epoch: 2 }, async () => Promise.reject(new Error('disk full'))),
    ).rejects.toThrow('disk full');
    expect(readLatestCheckpoint(run).state.epoch).toBe(1);
    expect(existsSync(join(run, 'checkpoints', 'epoch-0002'))).toBe(false);
  });

  it('explains a run directory without checkpoints', () => {
    const run = mkdtempSync(join(tmpdir(), 'rectify-ckpt-'));
    expect(() => readLatestCheckpoint(run)).toThrow(
      `cannot resume: ${run} has no checkpoint (${join(run, 'checkpoints', 'latest.json')} is missing)`,
    );
  });
});

describe('flags over config', () => {
  it('flags win, a preset flag replaces the layers, --lr alone implies adam', () => {
    const merged = applyFlags(
      { dataset: { name: 'iris' }, epochs: 10, model: { layers: [{ type: 'dense', units: 3 }] }, optimizer: 'sgd' },
      { epochs: 3, lr: 0.01, model: 'mlp', activation: 'gelu', seed: 7, backend: 'gpu' },
    );
    expect(merged).toEqual({
      dataset: { name: 'iris' },
      epochs: 3,
      model: { preset: 'mlp', activation: 'gelu' },
      optimizer: { name: 'sgd', learningRate: 0.01 },
      seed: 7,
      backend: 'gpu',
    });
    expect(applyFlags(undefined, { dataset: 'mnist', lr: 0.1 }).optimizer).toEqual({ name: 'adam', learningRate: 0.1 });
  });
});

describe('output formatting', () => {
  it('durations and tables', () => {
    expect([formatDuration(4.25), formatDuration(42.4), formatDuration(185), formatDuration(3725)]).toEqual([
      '4.3s',
      '42s',
      '3m05s',
      '1h02m',
    ]);
    expect(
      table(
        ['name', 'n'],
        [
          ['iris', '150'],
          ['mnist', '10000'],
        ],
      ),
    ).toBe('name       n\n-----  -----\niris     150\nmnist  10000\n');
  });
});
