import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsvStream } from '../src/datasets/streamed/csv.js';
import { openImageFolder, parseImagesName } from '../src/datasets/streamed/images.js';
import { rowPart } from '../src/datasets/streamed/row-split.js';
import { ensureBuilt, modelWeights, rectify, rectifyUntil, tempDir } from './helpers.js';

const dir = tempDir('streamed');

/** A w × h image of one grey level, as PNG or JPEG bytes. */
function image(kind: 'png' | 'jpg', level: number, w = 16, h = 12): Buffer {
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([level, level, level, 255], 4 * i);
  if (kind === 'jpg') return Buffer.from(jpeg.encode({ data, width: w, height: h }, 100).data);
  const png = new pngjs.PNG({ width: w, height: h });
  data.copy(png.data);
  return pngjs.PNG.sync.write(png);
}

const csvPath = join(dir, 'rows.csv');
const imagesDir = join(dir, 'images');

beforeAll(() => {
  const rows = Array.from({ length: 400 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2 === 0 ? 'even' : 'odd'}`);
  writeFileSync(csvPath, `a,b,parity\n${rows.join('\n')}\n`);
  for (const [cls, level] of [
    ['black', 0],
    ['white', 255],
  ] as const) {
    mkdirSync(join(imagesDir, cls), { recursive: true });
    for (let i = 0; i < 10; i++)
      writeFileSync(
        join(imagesDir, cls, `${i}.${i % 3 === 0 ? 'jpg' : 'png'}`),
        image(i % 3 === 0 ? 'jpg' : 'png', level),
      );
  }
  writeFileSync(join(imagesDir, 'white', 'notes.txt'), 'not an image');
});

describe('streamed datasets', () => {
  it('rowPart: a fixed choice per row, about 20 % test and the asked share of the rest for validation', () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => rowPart(i, 0.25));
    expect(Array.from({ length: 10_000 }, (_, i) => rowPart(i, 0.25))).toEqual(parts);
    const share = (p: string) => parts.filter((x) => x === p).length / parts.length;
    expect(share('test')).toBeCloseTo(0.2, 1);
    expect(share('validation')).toBeCloseTo(0.2, 1); // 0.25 of the remaining 0.8
    expect(rowPart(5, 0)).not.toBe('validation');
  });

  it('csv: counts, classes, standardisation from the scan, batches as the in-memory trainer makes them', async () => {
    const s = await openCsvStream(csvPath, { target: 'parity', standardize: true, limit: 100 }, 0.1);
    expect(s.counts.train).toBe(100);
    expect(s.counts.train + s.counts.validation + s.counts.test).toBeLessThanOrEqual(400);
    expect(s.info).toMatchObject({
      task: 'classification',
      inputShape: [2],
      numClasses: 2,
      classNames: ['even', 'odd'],
      featureNames: ['a', 'b'],
    });
    const batches = await s.batches('train', 32, 1).toArray();
    expect(batches.map((b) => b.xs.shape)).toEqual([
      [32, 2],
      [32, 2],
      [32, 2],
      [4, 2],
    ]);
    expect(batches[0]!.ys.dtype).toBe('int32');
    // Standardised with the scan's statistics: the training features have mean 0 and variance 1.
    const a = batches.flatMap((b) => Array.from(b.xs.dataSync()).filter((_, i) => i % 2 === 0));
    expect(a.reduce((x, y) => x + y, 0) / a.length).toBeCloseTo(0, 5);
    expect(a.reduce((x, y) => x + y * y, 0) / a.length).toBeCloseTo(1, 4);
    // Another pass reads the same rows in another order.
    const again = (await s.batches('train', 32, 1).toArray()).flatMap((b) => Array.from(b.xs.dataSync()));
    expect(again.sort()).toEqual(batches.flatMap((b) => Array.from(b.xs.dataSync())).sort());
  });

  it('csv: names a missing target column and a non-numeric feature', async () => {
    await expect(openCsvStream(csvPath, { target: 'parrity' }, 0.1)).rejects.toThrow(
      "target column 'parrity' does not exist (did you mean 'parity'?)",
    );
    writeFileSync(join(dir, 'bad.csv'), 'a,y\n1,0\nx,1\n');
    await expect(openCsvStream(join(dir, 'bad.csv'), { target: 'y' }, 0)).rejects.toThrow(
      'bad.csv: row 2, column \'a\': "x" is not a number',
    );
  });

  it('images: one class per folder, PNG and JPEG decoded and resized to the asked size', async () => {
    expect(parseImagesName('photos@32x24x3')).toEqual({ dir: 'photos', width: 32, height: 24, channels: 3 });
    expect(parseImagesName('photos')).toEqual({ dir: 'photos', width: 28, height: 28, channels: 1 });
    const s = await openImageFolder(`${imagesDir}@4x3`, {}, 0);
    expect(s.info).toMatchObject({ inputShape: [3, 4, 1], numClasses: 2, classNames: ['black', 'white'] });
    expect(s.counts.train + s.counts.test).toBe(20);
    const all = [...(await s.batches('train', 64, 0).toArray()), ...(await s.batches('test', 64, 0).toArray())];
    for (const b of all) {
      const px = b.xs.dataSync();
      const labels = b.ys.dataSync();
      expect(b.xs.shape.slice(1)).toEqual([3, 4, 1]);
      labels.forEach((label, i) => {
        const mean = Array.from(px.slice(i * 12, (i + 1) * 12)).reduce((x, y) => x + y, 0) / 12;
        expect(mean).toBeCloseTo(label, 1); // black → 0, white → 1 (JPEG is lossy, hence 1 decimal)
      });
    }
  });

  it('images: a folder without class sub-folders is a usage error', async () => {
    await expect(openImageFolder(join(imagesDir, 'white'), {}, 0)).rejects.toThrow(
      'expected one sub-folder per class (at least two), found 0',
    );
  });
});

describe('rectify train on streamed data', () => {
  beforeAll(() => ensureBuilt());

  it('images:<dir> trains through fitDataset and writes the run directory', () => {
    const out = join(dir, 'run-images');
    const r = rectify(
      ['train', '--dataset', `images:${imagesDir}@6x6`, '--epochs', '2', '--batch-size', '4', '--json', '--out', out],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.event === 'epoch')).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ event: 'done', streamed: true, epochs: 2 });
  });

  it('csv:<path> streams when asked (RECTIFY_STREAM=1) and --limit cuts the stream', () => {
    process.env['RECTIFY_STREAM'] = '1';
    try {
      const r = rectify(
        [
          'train',
          '--dataset',
          `csv:${csvPath}`,
          '--target',
          'parity',
          '--epochs',
          '1',
          '--limit',
          '50',
          '--out',
          join(dir, 'run-csv'),
        ],
        dir,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /dataset: csv:.*rows\.csv \(streamed\) — 50 train \/ \d+ validation \/ \d+ test samples/,
      );
    } finally {
      delete process.env['RECTIFY_STREAM'];
    }
  });
});

describe('rectify evaluate and predict on streamed data', () => {
  beforeAll(() => ensureBuilt());
  const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

  it('evaluate streams the test part of an image folder (at the model size) and gives what training measured', () => {
    const model = join(dir, 'run-images', 'model');
    const r = rectify(['evaluate', model, '--dataset', `images:${imagesDir}`, '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const test = JSON.parse(readFileSync(join(dir, 'run-images', 'test.json'), 'utf8'));
    const out = json(r.stdout);
    expect(out).toMatchObject({ dataset: `images:${imagesDir}@6x6x1`, split: 'test', accuracy: test.accuracy });
    expect(out.loss).toBeCloseTo(test.loss, 5);
    expect(out.samples).toBeGreaterThan(0);
    const all = json(
      rectify(['evaluate', model, '--dataset', `images:${imagesDir}`, '--split', 'all', '--json'], dir).stdout,
    );
    expect(all.samples).toBe(20);
    const bare = rectify(['evaluate', model], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(`was trained on images:${imagesDir}@6x6; pass --dataset images:<dir>`);
  });

  it('evaluate streams a CSV (RECTIFY_STREAM=1) with the columns, classes and statistics the model was trained with', () => {
    process.env['RECTIFY_STREAM'] = '1';
    try {
      const model = join(dir, 'run-csv', 'model');
      const r = rectify(['evaluate', model, '--dataset', `csv:${csvPath}`, '--json'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const test = JSON.parse(readFileSync(join(dir, 'run-csv', 'test.json'), 'utf8'));
      const out = json(r.stdout);
      expect(out.accuracy).toBe(test.accuracy);
      expect(out.loss).toBeCloseTo(test.loss, 5);
    } finally {
      delete process.env['RECTIFY_STREAM'];
    }
  });

  it('predict --input images:<dir> writes one prediction per file, naming it', () => {
    const r = rectify(['predict', join(dir, 'run-images', 'model'), '--input', `images:${imagesDir}`, '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { predictions } = JSON.parse(r.stdout);
    expect(predictions).toHaveLength(20);
    expect(predictions[0].file).toBe(join(imagesDir, 'black', '0.jpg'));
    for (const p of predictions) expect(['black', 'white']).toContain(p.label);
    const text = rectify(['predict', join(dir, 'run-images', 'model'), '--input', `images:${imagesDir}`], dir);
    expect(text.stdout.split('\n')[0]).toMatch(
      new RegExp(`^${join(imagesDir, 'black', '0.jpg')}: (black|white) \\(p=`),
    );
  });

  it('predict streams a large CSV batch by batch, with the predictions of the in-memory path', () => {
    const model = join(dir, 'run-csv', 'model');
    const whole = rectify(['predict', model, '--input', csvPath, '--json'], dir);
    expect(whole.code).toBe(0);
    process.env['RECTIFY_STREAM'] = '1';
    try {
      const streamed = rectify(['predict', model, '--input', csvPath, '--json'], dir);
      expect(streamed.stderr).toBe('');
      expect(streamed.code).toBe(0);
      const a = JSON.parse(whole.stdout).predictions;
      const b = JSON.parse(streamed.stdout).predictions;
      expect(b).toHaveLength(400);
      expect(b.map((p: { label: string }) => p.label)).toEqual(a.map((p: { label: string }) => p.label));
      b.forEach((p: { probability: number }, i: number) => expect(p.probability).toBeCloseTo(a[i].probability, 5));
    } finally {
      delete process.env['RECTIFY_STREAM'];
    }
  });
});

/** A streamed CSV run with dropout, so that a resume must repeat the shuffles and the masks to match. */
const streamConfig = (csv: string) => `
dataset: { name: 'csv:${csv}', target: parity }
model:
  layers:
    - { type: dense, units: 16, activation: relu }
    - { type: dropout, rate: 0.3 }
    - { type: dense, units: 2, activation: softmax }
optimizer: { name: adam, learningRate: 0.01 }
batchSize: 4
validationSplit: 0.1
seed: 3
`;

const metricLines = (runDir: string) =>
  readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/,"epoch_seconds":[\d.e-]+/, ''));

function expectSameWeights(a: string, b: string): void {
  const wa = modelWeights(join(a, 'model'));
  const wb = modelWeights(join(b, 'model'));
  expect([...wb.keys()]).toEqual([...wa.keys()]);
  for (const [name, bytes] of wa) expect(wb.get(name)!.equals(bytes), name).toBe(true);
}

describe('resuming a streamed run', () => {
  const cwd = tempDir('stream-resume');
  const config = join(cwd, 'stream.yaml');
  const bigConfig = join(cwd, 'big.yaml');

  beforeAll(() => {
    ensureBuilt();
    writeFileSync(config, streamConfig(csvPath));
    // Long enough that Ctrl-C half a second into training lands inside the epoch: 3,000 rows trained in 0.4 s on a
    // 2026 Zen 5 core, so the signal came after training had ended; 12,000 rows take seconds.
    const big = join(cwd, 'big.csv');
    const rows = Array.from({ length: 12000 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2 === 0 ? 'even' : 'odd'}`);
    writeFileSync(big, `a,b,parity\n${rows.join('\n')}\n`);
    writeFileSync(bigConfig, streamConfig(big));
    process.env['RECTIFY_STREAM'] = '1';
  });
  afterAll(() => {
    delete process.env['RECTIFY_STREAM'];
  });

  it('2 epochs, then --resume to 4, gives the weights and metrics of an uninterrupted 4-epoch run, bit for bit', () => {
    const full = rectify(['train', config, '--epochs', '4', '--out', 'full', '--quiet'], cwd);
    expect(full.stderr).toBe('');
    expect(full.code).toBe(0);
    const half = rectify(['train', config, '--epochs', '2', '--out', 'half', '--quiet'], cwd);
    expect(half.code).toBe(0);
    expect(readFileSync(join(cwd, 'half/checkpoints/latest.json'), 'utf8')).toContain('"checkpoint":"epoch-0002"');
    const resumed = rectify(['train', '--resume', 'half', '--epochs', '4'], cwd);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('(resuming after epoch 2)');
    expectSameWeights(join(cwd, 'full'), join(cwd, 'half'));
    expect(metricLines(join(cwd, 'half'))).toEqual(metricLines(join(cwd, 'full')));
    const again = rectify(['train', '--resume', 'half'], cwd);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('has already trained 4 epochs; pass --epochs N with N > 4 to train further');
  }, 180_000);

  it('Ctrl-C inside an epoch checkpoints at the step; resuming skips the trained batches and matches the uninterrupted run', async () => {
    const reference = rectify(['train', bigConfig, '--epochs', '1', '--out', 'reference', '--quiet'], cwd);
    expect(reference.code).toBe(0);
    const stopped = await rectifyUntil(
      ['train', bigConfig, '--epochs', '1', '--out', 'stopped'],
      cwd,
      'model:',
      (pid) => setTimeout(() => process.kill(pid, 'SIGINT'), 500),
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain('interrupted — resume with: rectify train --resume stopped');
    const latest = JSON.parse(readFileSync(join(cwd, 'stopped/checkpoints/latest.json'), 'utf8'));
    expect(latest).toMatchObject({ epoch: 0 });
    expect(latest.step).toBeGreaterThan(0);
    const resumed = rectify(['train', '--resume', 'stopped', '--quiet'], cwd);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expectSameWeights(join(cwd, 'reference'), join(cwd, 'stopped'));
  }, 180_000);
});
