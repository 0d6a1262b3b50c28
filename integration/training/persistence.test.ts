import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { lineImages } from './datasets.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

it('save → load → predict is bit-identical for a trained CNN; a damaged weights file is a clear error (all cases: packages/rectify/test/io.test.ts)', async () => {
  rf.layers.resetDefaultNames();
  rf.setSeed(31);
  const { x, y } = lineImages(64, 3);
  const model = rf.sequential([
    rf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
    rf.layers.batchNormalization(),
    rf.layers.flatten(),
    rf.layers.dense({ units: 4 }),
  ]);
  model.compile({
    optimizer: 'adam',
    loss: rf.losses.sparseCategoricalCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
  });
  await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, seed: 1 });
  const dir = await mkdtemp(join(tmpdir(), 'rectify-persist-'));
  dirs.push(dir);
  await model.save(`file://${dir}`);
  const loaded = await rf.loadModel(`file://${dir}`);
  expect(Array.from((loaded.predict(x) as rf.Tensor).dataSync())).toEqual(
    Array.from((model.predict(x) as rf.Tensor).dataSync()),
  );
  expect(loaded.evaluate(x, y, { returnDict: true })).toEqual(model.evaluate(x, y, { returnDict: true }));

  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const weights = join(dir, json.weightsManifest.path);
  const good = await readFile(weights);
  await writeFile(weights, good.subarray(0, good.length - 8));
  await expect(rf.loadModel(dir)).rejects.toThrow(
    `is truncated: it has ${good.length - 8} bytes, model.json lists ${good.length}`,
  );
  const flipped = Buffer.from(good);
  flipped[flipped.length - 1]! ^= 1;
  await writeFile(weights, flipped);
  await expect(rf.loadModel(dir)).rejects.toThrow(/is corrupted: its SHA-256 [0-9a-f]{12}… does not match/);
});
