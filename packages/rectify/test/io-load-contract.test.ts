import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as rf from '../src/index.node.js';
import { predictions, trainedClassifier } from './browser-helpers.js';

// Issue 13, loader contract: a model folder is untrusted input.
let root = '';
beforeAll(async () => void (root = await mkdtemp(join(tmpdir(), 'rectify-load-contract-'))));
afterAll(async () => rm(root, { recursive: true, force: true }));
let n = 0;

// model.json is edited freely here to build hostile files; `any` keeps those edits short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
async function saved(format: 'rectify' | 'tfjs' = 'rectify'): Promise<{ dir: string; json: Json; weights: string }> {
  const dir = join(root, `m${n++}`);
  await (await trainedClassifier()).save(dir, { format });
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  return { dir, json, weights: (await readdir(dir)).find((f) => f !== 'model.json')! };
}
const patch = async (dir: string, json: unknown): Promise<void> =>
  writeFile(join(dir, 'model.json'), JSON.stringify(json));

describe('files that are not plain files', () => {
  it('a weights file linked to /dev/zero, a FIFO, or a folder is refused before it is opened', async () => {
    const { dir, weights } = await saved();
    await rm(join(dir, weights));
    await symlink('/dev/zero', join(dir, weights));
    await expect(rf.loadModel(dir)).rejects.toThrow(
      new rf.ValueError(
        `loadModel: weights file '${weights}' resolves outside the model directory (a symbolic link to '/dev/zero')`,
      ),
    );
    await rm(join(dir, weights));
    execFileSync('mkfifo', [join(dir, weights)]);
    const started = Date.now();
    await expect(rf.loadModel(dir)).rejects.toThrow(
      new rf.ValueError(`loadModel: '${weights}' is a FIFO, not a regular file; a model's files must be plain files`),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    await rm(join(dir, weights));
    await symlink('/dev/null', join(dir, 'inside-link'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
  });

  it('model.json itself as a FIFO or a link to a device, and a tfjs shard as a FIFO', async () => {
    const { dir } = await saved();
    await rm(join(dir, 'model.json'));
    execFileSync('mkfifo', [join(dir, 'model.json')]);
    await expect(rf.loadModel(dir)).rejects.toThrow("loadModel: 'model.json' is a FIFO, not a regular file");
    const t = await saved('tfjs');
    await rm(join(t.dir, t.weights));
    execFileSync('mkfifo', [join(t.dir, t.weights)]);
    await expect(rf.loadModel(t.dir)).rejects.toThrow(`loadModel: '${t.weights}' is a FIFO, not a regular file`);
  });

  it('a link to a regular file inside the folder is followed; sizes must still match exactly', async () => {
    const { dir, weights } = await saved();
    const m = await rf.loadModel(dir);
    await writeFile(join(dir, 'real.bin'), await readFile(join(dir, weights)));
    await rm(join(dir, weights));
    await symlink('real.bin', join(dir, weights));
    expect(predictions(await rf.loadModel(dir))).toEqual(predictions(m));
  });
});

describe('declared sizes are checked before anything is built or read', () => {
  it('a 3 KB model.json declaring a 20000×20000 Dense fails in milliseconds (Rectify format)', async () => {
    const { dir, json } = await saved();
    json.modelTopology.config.layers[0].config.units = 20000;
    json.modelTopology.config.layers[0].config.batchInputShape = [null, 20000];
    await patch(dir, json);
    const started = Date.now();
    await expect(rf.loadModel(dir)).rejects.toThrow(
      new rf.ShapeError(
        "loadModel: weight 'dense/kernel' has shape [2,8] in the file, but the model expects [20000,20000]",
      ),
    );
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('the same in the tfjs format', async () => {
    const { dir, json } = await saved('tfjs');
    const first = json.modelTopology.config.layers[0].config;
    first.units = 20000;
    first.batch_input_shape = [null, 20000];
    await patch(dir, json);
    const started = Date.now();
    await expect(rf.loadModel(dir)).rejects.toThrow(
      /^fromTfjs: weight 'dense\/kernel' has shape \[2,8\] in the file, but model '.*' expects \[20000,20000\]$/,
    );
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a manifest over the budget is refused before any weights file is read', async () => {
    const { dir, json, weights } = await saved();
    await rm(join(dir, weights)); // would be "missing" if it were read
    await expect(rf.loadModel(dir, { maxWeightBytes: 100 })).rejects.toThrow(
      `loadModel: the model in '${dir}' declares ${json.weightsManifest.byteLength} bytes of weights, over the 100-byte budget; pass { maxWeightBytes } to allow more if you trust the file`,
    );
    const t = await saved('tfjs');
    await expect(rf.loadModel(t.dir, { maxWeightBytes: 100 })).rejects.toThrow(
      /^loadTfjs: the model in '.*' declares \d+ bytes of weights, over the 100-byte budget/,
    );
    json.weightsManifest.weights[0].shape = [2 ** 26, 2 ** 26];
    await patch(dir, json);
    await expect(rf.loadModel(dir)).rejects.toThrow(rf.ValueError);
  });
});

describe('malformed files are typed errors', () => {
  it('null entries, a missing trainingConfig.metrics and 100k-deep JSON (both formats)', async () => {
    const { dir, json } = await saved();
    const good = structuredClone(json);
    delete json.trainingConfig.metrics;
    await patch(dir, json);
    await expect(rf.loadModel(dir)).rejects.toThrow(
      /^loadModel: model\.json trainingConfig must be null or \{optimizer/,
    );
    await writeFile(join(dir, 'model.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await expect(rf.loadModel(dir)).rejects.toThrow(
      'loadModel: model.json nests 100000 levels deep; model files nest at most 256',
    );
    good.modelTopology.config.layers[1] = null;
    await patch(dir, good);
    await expect(rf.loadModel(dir)).rejects.toThrow(rf.RectifyError);
    const t = await saved('tfjs');
    const tj = structuredClone(t.json);
    tj.modelTopology.config.layers[0] = null;
    await patch(t.dir, tj);
    await expect(rf.loadModel(t.dir)).rejects.toThrow(
      "fromTfjs: layer 0 of Sequential model 'sequential' must be {class_name, config}, received null",
    );
    await patch(t.dir, { ...t.json, weightsManifest: [null] });
    await expect(rf.loadModel(t.dir)).rejects.toThrow('loadTfjs: every weightsManifest group needs a paths array');
    await patch(t.dir, { ...t.json, weightsManifest: [{ paths: [t.weights], weights: [null] }] });
    await expect(rf.loadModel(t.dir)).rejects.toThrow(
      'loadTfjs: weightsManifest[0].weights[0] must be {name, shape, dtype}',
    );
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    await writeFile(
      join(t.dir, 'model.json'),
      `{"format":"layers-model","modelTopology":{"deep":${deep}},"weightsManifest":[]}`,
    );
    await expect(rf.loadModel(t.dir)).rejects.toThrow(
      'loadModel: model.json nests 5002 levels deep; model files nest at most 256',
    );
    expect(() =>
      rf.fromTfjsArtifacts({ modelTopology: { deep: JSON.parse(deep) }, weightsManifest: [] }, new Uint8Array(0)),
    ).toThrow('fromTfjs: model.json nests more than 256 levels deep; model files nest far less');
    await patch(t.dir, { ...t.json, trainingConfig: {} });
    expect((await rf.loadModel(t.dir)).built).toBe(true); // tfjs' trainingConfig is not read: a missing metrics list is fine
  });

  it('NaN or Infinity weights load, with one warning naming them', async () => {
    const m = await trainedClassifier();
    const [k, ...rest] = m.getWeights();
    const bad = k!.dataSync().slice();
    bad[0] = Number.NaN;
    bad[1] = Number.POSITIVE_INFINITY;
    m.setWeights([rf.tensor(bad, k!.shape), ...rest]);
    const dir = join(root, `nan${n++}`);
    await m.save(dir);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const back = await rf.loadModel(dir);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      "loadModel: weight 'dense/kernel' holds NaN or Infinity values; the model loads, but its predictions will be NaN",
    );
    expect(Number.isNaN(back.getWeights()[0]!.dataSync()[0])).toBe(true);
    warn.mockRestore();
  });
});
