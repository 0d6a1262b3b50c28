import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '@rectify/rectify';
import { ensureBuilt, modelWeights, rectify, rectifyUntil, tempDir } from './helpers.js';

/** Dropout makes the comparison meaningful: its masks must repeat exactly after a resume too. */
const CONFIG = `
dataset: { name: two-moons, samples: 8000 }
model:
  layers:
    - { type: dense, units: 32, activation: relu }
    - { type: dropout, rate: 0.3 }
    - { type: dense, units: 32, activation: relu }
    - { type: dense, units: 2, activation: softmax }
optimizer: { name: adam, learningRate: 0.01 }
batchSize: 4
validationSplit: 0.1
seed: 5
`;

describe('resuming a run', () => {
  const cwd = tempDir('resume');
  const config = join(cwd, 'moons.yaml');

  beforeAll(() => {
    ensureBuilt();
    writeFileSync(config, CONFIG);
  });

  it('train 2 epochs, stop, resume to 4 gives the weights of an uninterrupted 4-epoch run, bit for bit', () => {
    const full = rectify(['train', config, '--epochs', '4', '--limit', '800', '--out', 'full', '--quiet'], cwd);
    expect(full.code).toBe(0);
    const half = rectify(['train', config, '--epochs', '2', '--limit', '800', '--out', 'half', '--quiet'], cwd);
    expect(half.code).toBe(0);
    expect(readFileSync(join(cwd, 'half/checkpoints/latest.json'), 'utf8')).toContain('"checkpoint":"epoch-0002"');
    const resumed = rectify(['train', '--resume', 'half', '--epochs', '4', '--quiet'], cwd);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const a = modelWeights(join(cwd, 'full/model'));
    const b = modelWeights(join(cwd, 'half/model'));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
    expect(
      readFileSync(join(cwd, 'half/metrics.jsonl'), 'utf8')
        .split('\n')
        .map((l) => l.replace(/,"epoch_seconds":[\d.e-]+/, '')),
    ).toEqual(
      readFileSync(join(cwd, 'full/metrics.jsonl'), 'utf8')
        .split('\n')
        .map((l) => l.replace(/,"epoch_seconds":[\d.e-]+/, '')),
    );
  });

  it('Ctrl-C mid-training leaves a loadable checkpoint, exits 130 with the resume command, and resuming matches an uninterrupted run', async () => {
    const reference = rectify(['train', config, '--epochs', '2', '--out', 'reference', '--quiet'], cwd);
    expect(reference.code).toBe(0);
    const stopped = await rectifyUntil(['train', config, '--epochs', '2', '--out', 'stopped'], cwd, 'model:', (pid) => {
      setTimeout(() => process.kill(pid, 'SIGINT'), 300);
    });
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain('interrupt: finishing the current step, then writing a checkpoint');
    expect(stopped.stdout).toContain('interrupted — resume with: rectify train --resume stopped');
    const pointer = JSON.parse(readFileSync(join(cwd, 'stopped/checkpoints/latest.json'), 'utf8')) as {
      checkpoint: string;
      epoch: number;
      step: number;
    };
    expect(pointer.epoch > 0 || pointer.step > 0).toBe(true);
    const checkpoint = join(cwd, 'stopped/checkpoints', pointer.checkpoint);
    const model = await loadModel(checkpoint);
    expect(model.optimizer?.iterations).toBe(pointer.epoch * Math.ceil(5760 / 4) + pointer.step);
    model.dispose();
    expect(existsSync(join(cwd, 'stopped/model'))).toBe(false);

    const resumed = rectify(['train', '--resume', 'stopped', '--quiet'], cwd);
    expect(resumed.code).toBe(0);
    const a = modelWeights(join(cwd, 'reference/model'));
    const b = modelWeights(join(cwd, 'stopped/model'));
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
  });

  it('refuses to resume a directory that is not a run, and a finished run without more epochs', () => {
    const missing = rectify(['train', '--resume', 'nowhere'], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('rectify: cannot resume: run directory nowhere does not exist\n');
    const finished = rectify(['train', '--resume', 'full'], cwd);
    expect(finished.code).toBe(2);
    expect(finished.stderr).toBe(
      'rectify: train --resume: full has already trained 4 epochs; pass --epochs N with N > 4 to train further\n',
    );
    const changed = rectify(['train', '--resume', 'full', '--lr', '0.1'], cwd);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toBe('rectify: train --resume: --lr cannot change a resumed run (only --epochs can)\n');
  });
});
