import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '@rectify/tensor';
import { dense } from '@rectify/layers';
import {
  fromTfjsArtifacts,
  isTfjsModelJson,
  loadTfjs,
  saveTfjs,
  tfjsLayerClassNames,
  type TfjsModelJson,
} from '@rectify/interop';
import { applyStack, maxAbsDiff, normal } from './helpers.js';
import { saveFromTfjs, tfjsReady, tfl } from './tfjs-helpers.js';

let dir = '';
beforeAll(async () => {
  await tfjsReady();
  dir = await mkdtemp(join(tmpdir(), 'rectify-tfjs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function saved(layers: tfl.layers.Layer[]): Promise<{ modelJson: TfjsModelJson; weightData: Uint8Array }> {
  return saveFromTfjs(tfl.sequential({ layers }));
}

function layerConfig(json: TfjsModelJson, i: number): Record<string, unknown> {
  return (json.modelTopology['config'] as { layers: { config: Record<string, unknown> }[] }).layers[i]!.config;
}

describe('fromTfjsArtifacts: what Rectify cannot read is an error naming it', () => {
  it('a layer class Rectify does not have', async () => {
    const { modelJson, weightData } = await saved([
      tfl.layers.dense({ units: 2, inputShape: [3] }),
      tfl.layers.reLU({ name: 'rep' }),
    ]);
    expect(() => fromTfjsArtifacts(modelJson, weightData)).toThrow(
      `fromTfjs: layer 'rep' has class 'ReLU', which is not supported between Rectify and TensorFlow.js; supported: InputLayer, ${tfjsLayerClassNames().join(', ')}`,
    );
  });

  it("tfjs' hard_sigmoid (0.2x + 0.5), channels_first and constraints", async () => {
    const hs = await saved([tfl.layers.dense({ units: 2, inputShape: [3], activation: 'hardSigmoid', name: 'hs' })]);
    expect(() => fromTfjsArtifacts(hs.modelJson, hs.weightData)).toThrow(
      `fromTfjs: layer 'hs' uses activation "hardSigmoid", which Rectify does not compute the same way`,
    );
    const cf = await saved([tfl.layers.conv2d({ filters: 1, kernelSize: 1, inputShape: [2, 2, 2], name: 'cf' })]);
    layerConfig(cf.modelJson, 0)['data_format'] = 'channels_first';
    expect(() => fromTfjsArtifacts(cf.modelJson, cf.weightData)).toThrow(
      `fromTfjs: layer 'cf' (Conv2D) sets data_format to "channelsFirst", which Rectify does not support`,
    );
    const mn = await saved([tfl.layers.dense({ units: 2, inputShape: [3], kernelConstraint: 'maxNorm', name: 'mn' })]);
    expect(() => fromTfjsArtifacts(mn.modelJson, mn.weightData)).toThrow(
      /^fromTfjs: layer 'mn' \(Dense\) sets kernel_constraint to \{"className":"MaxNorm"/,
    );
  });

  it('weights that do not match the manifest or the model', async () => {
    const { modelJson, weightData } = await saved([tfl.layers.dense({ units: 2, inputShape: [3], name: 'd' })]);
    expect(() => fromTfjsArtifacts(modelJson, weightData.subarray(4))).toThrow(
      'fromTfjs: the weight data has 28 bytes, but the manifest lists 32',
    );
    const renamed = JSON.parse(JSON.stringify(modelJson)) as TfjsModelJson;
    renamed.weightsManifest[0]!.weights[1]!.name = 'd/offset';
    expect(() => fromTfjsArtifacts(renamed, weightData)).toThrow(
      "fromTfjs: weight 'd/bias' of the model is missing from the weights manifest",
    );
    const reshaped = JSON.parse(JSON.stringify(modelJson)) as TfjsModelJson;
    reshaped.weightsManifest[0]!.weights[0]!.shape = [2, 3];
    const name = (modelJson.modelTopology['config'] as { name: string }).name;
    expect(() => fromTfjsArtifacts(reshaped, weightData)).toThrow(
      `fromTfjs: weight 'd/kernel' has shape [2,3] in the file, but model '${name}' expects [3,2]`,
    );
    expect(() =>
      fromTfjsArtifacts({ modelTopology: { class_name: 'Dense', config: {} }, weightsManifest: [] }, new Uint8Array(0)),
    ).toThrow('fromTfjs: modelTopology class_name "Dense" is not a model; expected Sequential, Model or Functional');
    expect(() => fromTfjsArtifacts(null, new Uint8Array(0))).toThrow(
      'fromTfjs: model.json must be an object with a modelTopology',
    );
  });
});

describe('saveTfjs / loadTfjs', () => {
  it('round-trips through files and is recognised as a tfjs model.json', async () => {
    const layers = [dense({ units: 3, activation: 'tanh', inputShape: [2] }), dense({ units: 1 })];
    const x = normal([4, 2]);
    const expected = applyStack(layers, x).dataSync();
    const out = join(dir, 'rt');
    await saveTfjs({ layers }, out);
    const files = (await readdir(out)).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^group1-shard1of1\.[0-9a-f]{16}\.bin$/);
    expect(files[1]).toBe('model.json');
    expect(isTfjsModelJson(JSON.parse(await readFile(join(out, 'model.json'), 'utf8')))).toBe(true);
    expect(isTfjsModelJson({ format: 'rectify-model', modelTopology: {}, weightsManifest: {} })).toBe(false);
    const back = await loadTfjs(`file://${out}`);
    if (back.className !== 'Sequential') throw new Error('expected a Sequential');
    expect(maxAbsDiff(applyStack(back.layers, x).dataSync(), expected)).toBe(0);
  });

  it('refuses weight paths that leave the model directory', async () => {
    const out = join(dir, 'escape');
    const layers = [dense({ units: 1, inputShape: [2] })];
    applyStack(layers, normal([1, 2]) as Tensor);
    await saveTfjs({ layers }, out);
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8')) as TfjsModelJson;
    for (const bad of ['../secret.bin', '/etc/passwd', 'sub/w.bin']) {
      json.weightsManifest[0]!.paths = [bad];
      await writeFile(join(out, 'model.json'), JSON.stringify(json));
      await expect(loadTfjs(out)).rejects.toThrow(
        `loadTfjs: weight path ${JSON.stringify(bad)} in model.json escapes the model directory; it must be a plain file name inside '${out}'`,
      );
    }
    await writeFile(join(dir, 'outside.bin'), new Uint8Array(12));
    await symlink(join(dir, 'outside.bin'), join(out, 'link.bin'));
    json.weightsManifest[0]!.paths = ['link.bin'];
    await writeFile(join(out, 'model.json'), JSON.stringify(json));
    await expect(loadTfjs(out)).rejects.toThrow(
      /^loadTfjs: weights file 'link.bin' resolves outside the model directory \(a symbolic link to '.*outside\.bin'\)/,
    );
    await expect(loadTfjs(join(dir, 'nothing'))).rejects.toThrow(
      `loadTfjs: no model.json in '${join(dir, 'nothing')}'`,
    );
  });
});
