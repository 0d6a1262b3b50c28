import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RectifyError, ShapeError, ValueError, memory, tensor } from '@rectify/tensor';
import { add, batchNormalization, dense, dropout, input } from '@rectify/layers';
import '../src/index.node.js'; // registers the file:// handler, as importing @rectify/rectify under Node does
import { loadModel } from '../src/io/index.js';
import { type LayersModel, model as functionalModel, sequential } from '../src/models/index.js';
import { adam } from '../src/optimizers/index.js';
import { fresh, linearData, values } from './helpers.js';

// model.json is edited freely here to build corrupt files; `any` keeps those edits short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ModelJson = Record<string, any>;

let root = '';
beforeAll(async () => void (root = await mkdtemp(join(tmpdir(), 'rectify-io-'))));
afterAll(async () => rm(root, { recursive: true, force: true }));

let counter = 0;
const newDir = (): string => join(root, `m${counter++}`);

async function trainedSequential(withDropout = true): Promise<LayersModel> {
  fresh(3);
  const { x, y } = linearData(32);
  const m = sequential([
    dense({ units: 6, activation: 'relu', inputShape: [2], kernelInitializer: 'heNormal' }),
    batchNormalization(),
    ...(withDropout ? [dropout({ rate: 0.2, seed: 1 })] : []),
    dense({ units: 1 }),
  ]);
  m.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] });
  await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 1 });
  return m;
}

async function savedModel(): Promise<{ dir: string; json: ModelJson; weightsPath: string }> {
  const m = await trainedSequential();
  const dir = newDir();
  await m.save(dir);
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  return { dir, json, weightsPath: join(dir, json.weightsManifest.path) };
}

describe('save → load', () => {
  it('restores a Sequential model whose predictions are bit-identical', async () => {
    const m = await trainedSequential();
    const dir = newDir();
    const result = await m.save(`file://${dir}`);
    expect(result.directory).toBe(dir);
    const back = await loadModel(`file://${dir}`);
    const probe = linearData(10, 9).x;
    expect(values(back.predict(probe) as never)).toEqual(values(m.predict(probe) as never));
    expect(back.layers.map((l) => l.name)).toEqual(m.layers.map((l) => l.name));
  });

  it('restores the optimizer state, so that training resumes identically', async () => {
    // Without dropout: a dropout layer's random stream is not part of the saved state.
    const m = await trainedSequential(false);
    const dir = newDir();
    await m.save(dir);
    const back = await loadModel(dir);
    expect(back.optimizer!.iterations).toBe(m.optimizer!.iterations);
    const { x, y } = linearData(8, 4);
    m.trainOnBatch(x, y);
    back.trainOnBatch(x, y);
    expect(back.getWeights().map(values)).toEqual(m.getWeights().map(values));
  });

  it('restores a functional model with a skip connection', async () => {
    fresh(5);
    const x = input({ shape: [3] });
    const h = dense({ units: 4, activation: 'tanh' }).apply(x);
    const y = dense({ units: 2 }).apply(add().apply([h, dense({ units: 4 }).apply(x)]));
    const m = functionalModel({ inputs: x, outputs: y as never });
    const dir = newDir();
    await m.save(dir);
    const back = await loadModel(dir);
    expect(back.className).toBe('Model');
    const probe = tensor([
      [1, 2, 3],
      [-1, 0, 0.5],
    ]);
    expect(values(back.predict(probe) as never)).toEqual(values(m.predict(probe) as never));
    expect(back.compiled).toBeUndefined();
  });

  it('writes model.json with format, topology, training config and a manifest with offsets', async () => {
    const { json } = await savedModel();
    expect(json.format).toBe('rectify-model');
    expect(json.formatVersion).toBe(1);
    expect(json.modelTopology.className).toBe('Sequential');
    expect(json.trainingConfig.optimizer.className).toBe('Adam');
    expect(json.trainingConfig.loss).toEqual([{ className: 'meanSquaredError', config: {} }]);
    expect(json.trainingConfig.metrics).toEqual([['mae']]);
    const w = json.weightsManifest.weights;
    expect(w[0]).toEqual({ name: 'dense/kernel', shape: [2, 6], dtype: 'float32', offset: 0, group: 'model' });
    expect(w[1]).toEqual({ name: 'dense/bias', shape: [6], dtype: 'float32', offset: 48, group: 'model' });
    expect(w.find((e: { name: string }) => e.name === 'iterations')).toMatchObject({ group: 'optimizer', shape: [] });
    expect(json.weightsManifest.path).toMatch(/^weights\.[0-9a-f]{16}\.bin$/);
  });

  it('writes atomically: no temporary files remain, and a new save replaces the old weights file', async () => {
    const m = await trainedSequential();
    const dir = newDir();
    await m.save(dir);
    const first = (await readdir(dir)).sort();
    expect(first).toHaveLength(2);
    await m.fit(linearData(8).x, linearData(8).y, { verbose: 0 });
    await m.save(dir);
    const second = (await readdir(dir)).sort();
    expect(second).toHaveLength(2);
    expect(second).not.toEqual(first);
    expect(second.some((f) => f.includes('.tmp-'))).toBe(false);
    expect(values((await loadModel(dir)).predict(tensor([[1, 1]])) as never)).toEqual(
      values(m.predict(tensor([[1, 1]])) as never),
    );
  });

  it('frees what it creates: saving twice leaves the tensor count unchanged', async () => {
    const m = await trainedSequential(false);
    const dir = newDir();
    await m.save(dir);
    const before = memory().numTensors;
    await m.save(dir);
    expect(memory().numTensors).toBe(before);
  });

  it('refuses to save an unbuilt model or to an unknown scheme', async () => {
    fresh();
    await expect(sequential([dense({ units: 1 })]).save(newDir())).rejects.toThrow(
      new RectifyError("save: model 'sequential' is not built yet; build it (or fit it) before saving"),
    );
    await expect((await trainedSequential()).save('ftp://m')).rejects.toThrow(
      "save: unsupported scheme in 'ftp://m'; use 'indexeddb://name', 'localstorage://name', 'downloads://name' (save), 'http(s)://…/model.json' (load), or under Node 'file://<directory>' or a plain directory path",
    );
  });
});

describe('loadModel validation', () => {
  const patchJson = async (dir: string, f: (j: ModelJson) => void): Promise<void> => {
    const j = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    f(j);
    await writeFile(join(dir, 'model.json'), JSON.stringify(j));
  };

  it('a truncated weights file', async () => {
    const { dir, json, weightsPath } = await savedModel();
    const bytes = await readFile(weightsPath);
    await writeFile(weightsPath, bytes.subarray(0, 100));
    await expect(loadModel(dir)).rejects.toThrow(
      new ValueError(
        `loadModel: weights file '${json.weightsManifest.path}' is truncated: it has 100 bytes, model.json lists ${bytes.length}`,
      ),
    );
  });

  it('a corrupted weights file of the right length', async () => {
    const { dir, json, weightsPath } = await savedModel();
    const bytes = await readFile(weightsPath);
    bytes[10] = bytes[10]! ^ 0xff;
    await writeFile(weightsPath, bytes);
    await expect(loadModel(dir)).rejects.toThrow(
      new RegExp(
        `^loadModel: weights file '${json.weightsManifest.path.replace(/\./g, '\\.')}' is corrupted: its SHA-256 [0-9a-f]{12}… does not match ${json.weightsManifest.sha256.slice(0, 12)}… in model\\.json$`,
      ),
    );
    const longer = Buffer.concat([await readFile(weightsPath), Buffer.from([0, 0, 0, 0])]);
    await writeFile(weightsPath, longer);
    await expect(loadModel(dir)).rejects.toThrow(
      `is corrupted: it has ${longer.length} bytes, model.json lists ${longer.length - 4}`,
    );
  });

  it('missing files', async () => {
    const { dir, json, weightsPath } = await savedModel();
    await rm(weightsPath);
    await expect(loadModel(dir)).rejects.toThrow(
      new RectifyError(
        `loadModel: the weights file '${json.weightsManifest.path}' named in model.json is missing from '${dir}'`,
      ),
    );
    const empty = newDir();
    await expect(loadModel(empty)).rejects.toThrow(`loadModel: no model.json in '${empty}'`);
  });

  it('a weight of the wrong shape', async () => {
    const { dir } = await savedModel();
    await patchJson(dir, (j) => (j.weightsManifest.weights[0].shape = [6, 2]));
    await expect(loadModel(dir)).rejects.toThrow(
      new ShapeError("loadModel: weight 'dense/kernel' has shape [6,2] in the file, but the model expects [2,6]"),
    );
  });

  it('an unknown layer class (nothing from the file is ever executed)', async () => {
    const { dir } = await savedModel();
    await patchJson(dir, (j) => (j.modelTopology.config.layers[1].className = 'EvilLayer'));
    await expect(loadModel(dir)).rejects.toThrow(
      /^loadModel: cannot rebuild the model from model\.json: deserializeLayer: unknown layer class 'EvilLayer'; known classes: /,
    );
    await patchJson(dir, (j) => (j.modelTopology.config.layers[1].className = '__proto__'));
    await expect(loadModel(dir)).rejects.toThrow("unknown layer class '__proto__'");
    await patchJson(dir, (j) => (j.modelTopology.className = 'constructor'));
    await expect(loadModel(dir)).rejects.toThrow(
      "loadModel: modelTopology.className 'constructor' is not a model class; expected Sequential or Model",
    );
  });

  it('a weights path that leaves the model directory', async () => {
    const { dir, weightsPath } = await savedModel();
    await writeFile(join(root, 'outside.bin'), await readFile(weightsPath));
    await patchJson(dir, (j) => (j.weightsManifest.path = '../outside.bin'));
    await expect(loadModel(dir)).rejects.toThrow(
      new ValueError(
        `loadModel: weightsManifest.path '../outside.bin' points outside the model directory; it must be a plain file name inside '${dir}'`,
      ),
    );
    await patchJson(dir, (j) => (j.weightsManifest.path = join(root, 'outside.bin')));
    await expect(loadModel(dir)).rejects.toThrow('points outside the model directory');
    await symlink(join(root, 'outside.bin'), join(dir, 'link.bin'));
    await patchJson(dir, (j) => (j.weightsManifest.path = 'link.bin'));
    await expect(loadModel(dir)).rejects.toThrow(
      `loadModel: weights file 'link.bin' resolves outside the model directory (a symbolic link to '${join(root, 'outside.bin')}')`,
    );
  });

  it('malformed model.json: bad JSON, another format, a newer version, inconsistent manifest', async () => {
    const { dir } = await savedModel();
    const good = await readFile(join(dir, 'model.json'), 'utf8');
    await writeFile(join(dir, 'model.json'), good.slice(0, 50));
    await expect(loadModel(dir)).rejects.toThrow(/^loadModel: model\.json is not valid JSON \(/);
    const cases: [(j: ModelJson) => void, string][] = [
      [
        (j) => (j.format = 'keras'),
        `loadModel: model.json is not a Rectify model (format "keras", expected 'rectify-model')`,
      ],
      [
        (j) => (j.formatVersion = 3),
        'loadModel: model.json has formatVersion 3; this version of rectify reads formatVersion 2 and older',
      ],
      [
        (j) => (j.weightsManifest.weights[1].offset = 40),
        "loadModel: weightsManifest.weights[1] ('dense/bias') starts at byte 40, expected 48 (entries must be contiguous)",
      ],
      [
        (j) => (j.weightsManifest.weights[0].dtype = 'float64'),
        `loadModel: weightsManifest.weights[0] ('dense/kernel') dtype must be 'float32', received "float64"`,
      ],
      [
        (j) => (j.weightsManifest.byteLength += 4),
        /^loadModel: weightsManifest lists \d+ bytes of weights but byteLength is \d+$/ as unknown as string,
      ],
      [
        (j) => j.weightsManifest.weights.splice(0, 1),
        /^loadModel: weightsManifest\.weights\[0\] \('dense\/bias'\) starts at byte 48, expected 0/ as unknown as string,
      ],
    ];
    for (const [patch, message] of cases) {
      await writeFile(join(dir, 'model.json'), good);
      await patchJson(dir, patch);
      await expect(loadModel(dir)).rejects.toThrow(message);
    }
  });
});
