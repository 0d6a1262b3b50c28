import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '@rectify/rectify';
import { BIN, type CliResult, ensureBuilt, hasStackTrace, rectify, tempDir } from './helpers.js';

/** Starts `rectify …args` without waiting, so two can run at the same moment. */
function start(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** About two seconds of training, so that the winner still holds the directory when the loser asks for it. */
const RUN = [
  'train',
  '--dataset',
  'two-moons',
  '--batch-size',
  '4',
  '--validation-split',
  '0',
  '--seed',
  '3',
  '--quiet',
];
/** Where no race is needed, a run of a few milliseconds. */
const QUICK = [...RUN, '--limit', '40'];

describe('a run directory belongs to one rectify process at a time', () => {
  const cwd = tempDir('lock');

  beforeAll(() => ensureBuilt());

  it('of two runs started at once with the same --out, exactly one trains; the other fails before touching anything', async () => {
    const [a, b] = await Promise.all([
      start([...RUN, '--epochs', '1', '--out', 'race'], cwd),
      start([...RUN, '--epochs', '1', '--out', 'race'], cwd),
    ]);
    const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
    expect(winner.code).toBe(0);
    expect(loser.code).toBe(1);
    // Usually the loser asks while the winner trains; on a loaded machine it may ask after the winner is done.
    expect(loser.stderr).toMatch(
      /^rectify: race (is in use by another rectify process \(pid \d+\); choose another --out \(if no rectify is running there, delete race\/\.rectify\.lock\)|already holds a run; continue it with --resume race, or choose another --out)\n$/,
    );
    expect(hasStackTrace(loser.stderr)).toBe(false);
    // The winner's directory is complete and consistent: one config, one checkpoint, a model that loads, no lock left.
    expect(readdirSync(join(cwd, 'race')).sort()).toEqual([
      'checkpoints',
      'config.json',
      'curves.svg',
      'metrics.csv',
      'metrics.jsonl',
      'model',
      'test.json',
    ]);
    expect(JSON.parse(readFileSync(join(cwd, 'race/config.json'), 'utf8'))).toMatchObject({
      epochs: 1,
      seed: 3,
      batchSize: 4,
    });
    expect(readFileSync(join(cwd, 'race/metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(join(cwd, 'race/checkpoints')).sort()).toEqual(['epoch-0001', 'latest.json']);
    const model = await loadModel(join(cwd, 'race/model'));
    expect(model.countParams()).toBeGreaterThan(0);
    model.dispose();
  });

  it('of two --resume of one run at once, exactly one continues it', async () => {
    expect(rectify([...RUN, '--epochs', '1', '--out', 'shared'], cwd).code).toBe(0);
    const [a, b] = await Promise.all([
      start(['train', '--resume', 'shared', '--epochs', '2', '--quiet'], cwd),
      start(['train', '--resume', 'shared', '--epochs', '2', '--quiet'], cwd),
    ]);
    const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
    expect(winner.code).toBe(0);
    expect(loser.code).not.toBe(0);
    expect(loser.stderr).toMatch(
      /^rectify: (shared is in use by another rectify process \(pid \d+\); wait for it to finish before resuming shared \(if no rectify is running there, delete shared\/\.rectify\.lock\)|train --resume: shared has already trained 2 epochs; pass --epochs N with N > 2 to train further)\n$/,
    );
    expect(
      readFileSync(join(cwd, 'shared/metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { epoch: number }).epoch),
    ).toEqual([1, 2]);
    expect(existsSync(join(cwd, 'shared', '.rectify.lock'))).toBe(false);
  });

  it('a lock held by a live process is respected; one left by a killed process is reclaimed with a note', () => {
    expect(rectify([...QUICK, '--epochs', '1', '--out', 'held'], cwd).code).toBe(0);
    writeFileSync(join(cwd, 'held/.rectify.lock'), `${process.pid}\n`);
    const busy = rectify(['train', '--resume', 'held', '--epochs', '2', '--quiet'], cwd);
    expect(busy.stderr).toBe(
      `rectify: held is in use by another rectify process (pid ${process.pid}); wait for it to finish before resuming held (if no rectify is running there, delete held/.rectify.lock)\n`,
    );
    expect(busy.code).toBe(1);
    expect(readFileSync(join(cwd, 'held/metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(join(cwd, 'held/.rectify.lock'), `${dead}\n`);
    const resumed = rectify(['train', '--resume', 'held', '--epochs', '2', '--quiet'], cwd);
    expect(resumed.stderr).toBe(
      `rectify: note: held was locked by process ${dead}, which no longer runs; reclaimed its lock\n`,
    );
    expect(resumed.code).toBe(0);
    expect(existsSync(join(cwd, 'held/.rectify.lock'))).toBe(false);
  });

  it('an --out that is a file, under a file, or /dev/null is one line naming the path and what to do', () => {
    writeFileSync(join(cwd, 'a-file'), 'not a directory');
    const cases: Array<[string, string]> = [
      [
        'a-file',
        'cannot create the run directory a-file: a file (not a directory) is in the way; choose another --out',
      ],
      [
        'a-file/run',
        'cannot create the run directory a-file/run: a part of the path is a file, not a directory; choose another --out',
      ],
      [
        '/dev/null',
        'cannot create the run directory /dev/null: a file (not a directory) is in the way; choose another --out',
      ],
    ];
    for (const [out, message] of cases) {
      const r = rectify([...QUICK, '--epochs', '1', '--out', out], cwd);
      expect(r.stderr).toBe(`rectify: ${message}\n`);
      expect(r.code).toBe(1);
    }
    expect(readFileSync(join(cwd, 'a-file'), 'utf8')).toBe('not a directory');
    // A file where the run writes its checkpoints, found only after training started: still one line.
    mkdirSync(join(cwd, 'blocked'));
    writeFileSync(join(cwd, 'blocked/checkpoints'), '');
    const blocked = rectify([...QUICK, '--epochs', '1', '--out', 'blocked'], cwd);
    expect(blocked.stderr).toBe(
      'rectify: cannot create the directory blocked/checkpoints: a file (not a directory) is in the way\n',
    );
    expect(blocked.code).toBe(1);
    expect(existsSync(join(cwd, 'blocked/.rectify.lock'))).toBe(false);
    // A run that fails before writing anything leaves no empty run directory behind.
    const badLayer = rectify([...QUICK, '--epochs', '1', '--activation', 'nope', '--out', 'never'], cwd);
    expect(badLayer.code).toBe(2);
    expect(existsSync(join(cwd, 'never'))).toBe(false);
  });
});
