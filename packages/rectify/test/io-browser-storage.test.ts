import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as rf from '../src/index.js';
import { MapStorage, predictions, trainedClassifier } from './browser-helpers.js';

// The browser entry, as a page gets it: no file system registered, only the built-in schemes.
let storage: MapStorage;
beforeEach(() => {
  storage = new MapStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

describe('indexeddb://', () => {
  it('save → load gives identical predictions and resumes training identically', async () => {
    const m = await trainedClassifier();
    const result = await m.save('indexeddb://two-moons');
    // 65 weights (dense 2·8+8, batch norm 4·8, dense 8+1), Adam's iteration count and two slots per trainable weight (49)
    expect(result).toEqual({
      format: 'rectify',
      url: 'indexeddb://two-moons',
      weightsFiles: [expect.stringMatching(/^weights\.[0-9a-f]{16}\.bin$/)],
      weightsBytes: 4 * (65 + 1 + 2 * 49),
    });
    const back = await rf.loadModel('indexeddb://two-moons');
    expect(predictions(back)).toEqual(predictions(m));
    expect(back.optimizer!.iterations).toBe(m.optimizer!.iterations);
  });

  it('stores the tfjs format too, and a second save replaces the first', async () => {
    const m = await trainedClassifier();
    await m.save('indexeddb://replace-me', { format: 'tfjs' });
    expect((await rf.loadModel('indexeddb://replace-me')).compiled).toBeUndefined();
    await m.save('indexeddb://replace-me');
    expect((await rf.loadModel('indexeddb://replace-me')).compiled).toBeDefined();
  });

  it('lists and removes models; a missing one is a clear error', async () => {
    const m = await trainedClassifier();
    await m.save('indexeddb://listed');
    const models = await rf.io.listModels();
    expect(models['indexeddb://listed']).toMatchObject({
      format: 'rectify',
      weightsBytes: expect.any(Number),
      modelJsonBytes: expect.any(Number),
    });
    expect(Date.parse(models['indexeddb://listed']!.dateSaved)).toBeGreaterThan(0);
    await rf.io.removeModel('indexeddb://listed');
    expect((await rf.io.listModels())['indexeddb://listed']).toBeUndefined();
    await expect(rf.loadModel('indexeddb://listed')).rejects.toThrow(
      new rf.RectifyError("loadModel: there is no model named 'listed' in IndexedDB"),
    );
    await expect(rf.io.removeModel('indexeddb://listed')).rejects.toThrow(
      "removeModel: there is no model named 'listed' in IndexedDB",
    );
    await expect(rf.io.removeModel('ftp://x')).rejects.toThrow(
      `removeModel: expected 'indexeddb://name' or 'localstorage://name', received "ftp://x"`,
    );
  });

  it('runs the same checks as the file loader: a tampered record is the same typed error', async () => {
    const m = await trainedClassifier();
    const artifacts = rf.io.modelArtifacts(m as never, 'rectify');
    const name = artifacts.files[0]!.name;
    const cut = { ...artifacts, files: [{ name, data: artifacts.files[0]!.data.subarray(0, 12) }] };
    await rf.io.indexedDB('tampered').save!(cut);
    await expect(rf.loadModel('indexeddb://tampered')).rejects.toThrow(
      new rf.ValueError(
        `loadModel: weights file '${name}' is truncated: it has 12 bytes, model.json lists ${artifacts.weightsBytes}`,
      ),
    );
    const json = JSON.parse(artifacts.modelJson);
    json.weightsManifest.path = '../x.bin';
    await rf.io.indexedDB('escaping').save!({ ...artifacts, modelJson: JSON.stringify(json) });
    await expect(rf.loadModel('indexeddb://escaping')).rejects.toThrow(
      "loadModel: weightsManifest.path '../x.bin' points outside the model directory",
    );
  });
});

describe('localstorage://', () => {
  it('save → load gives identical predictions; listed next to IndexedDB models', async () => {
    const m = await trainedClassifier();
    await m.save('localstorage://small');
    expect([...storage.map.keys()].sort()).toEqual([
      'rectify_models/small/info',
      'rectify_models/small/model_json',
      'rectify_models/small/weights',
    ]);
    expect(predictions(await rf.loadModel('localstorage://small'))).toEqual(predictions(m));
    expect(Object.keys(await rf.io.listModels())).toContain('localstorage://small');
    await rf.io.removeModel('localstorage://small');
    expect(storage.map.size).toBe(0);
  });

  it('a model over the quota is a clear error and leaves the previous save intact', async () => {
    const m = await trainedClassifier();
    const limited = new MapStorage(2500);
    vi.stubGlobal('localStorage', limited);
    await expect(m.save('localstorage://big')).rejects.toThrow(
      /^save: localStorage refused 'localstorage:\/\/big' \(.*\); it holds about 5 MB per site, so save larger models to 'indexeddb:\/\/big'$/,
    );
    expect(limited.map.size).toBe(0);
  });

  it('corrupt entries are typed errors', async () => {
    const m = await trainedClassifier();
    await m.save('localstorage://c');
    storage.setItem('rectify_models/c/weights', '{"not": "a list"}');
    await expect(rf.loadModel('localstorage://c')).rejects.toThrow(
      "loadModel: the weights of 'localstorage://c' in localStorage are not a list of {name, data}",
    );
    storage.setItem('rectify_models/c/weights', JSON.stringify([{ name: 'w', data: '!!!' }]));
    await expect(rf.loadModel('localstorage://c')).rejects.toThrow('not valid base64');
  });
});

describe('copyModel / moveModel', () => {
  it('copies byte for byte between storages and moves by copy + remove', async () => {
    const m = await trainedClassifier();
    await m.save('localstorage://origin');
    await rf.io.copyModel('localstorage://origin', 'indexeddb://copied');
    expect(predictions(await rf.loadModel('indexeddb://copied'))).toEqual(predictions(m));
    await rf.io.moveModel('localstorage://origin', 'indexeddb://moved');
    expect(storage.map.size).toBe(0);
    expect(predictions(await rf.loadModel('indexeddb://moved'))).toEqual(predictions(m));
  });
});

describe('without Node', () => {
  it('a file path names what to use in a browser', async () => {
    const m = await trainedClassifier();
    await expect(m.save('./model')).rejects.toThrow(
      /^save: '\.\/model' is a file path, which needs Node \(its entry point registers the file system\); in a browser 'indexeddb:\/\/name'/,
    );
    await expect(rf.loadModel('file:///m')).rejects.toThrow(
      /^loadModel: 'file:\/\/\/m' is a file path, which needs Node/,
    );
  });
});
