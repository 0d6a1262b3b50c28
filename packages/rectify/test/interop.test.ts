import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rf from '../src/index.node.js';
import { fresh, values } from './helpers.js';
import { loadDirInTfjs, maxAbsDiff, runOnnxFile, tfjsFiles, tfjsPredict, tfjsReady, tfl } from './interop-helpers.js';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rectify-interop-'));
  await tfjsReady();
});
afterAll(async () => rm(root, { recursive: true, force: true }));
let counter = 0;
const newPath = (name = 'm'): string => join(root, `${name}${counter++}`);

/** Three classes from four features: a small problem the tests train on for a few epochs. */
function classes(n: number, seed: number): { x: rf.Tensor; y: rf.Tensor } {
  const x = rf.randomNormal([n, 4], 0, 1, 'float32', seed);
  const v = x.dataSync();
  const y = Array.from({ length: n }, (_, i) => (v[4 * i]! + v[4 * i + 1]! > 0.5 ? 2 : v[4 * i + 2]! > 0 ? 1 : 0));
  return { x, y: rf.tensor(y, [n], 'int32') };
}

function mlp(names?: [string, string, string]): rf.Sequential {
  return rf.sequential([
    rf.layers.dense({
      units: 12,
      activation: 'relu',
      inputShape: [4],
      kernelInitializer: 'heNormal',
      name: names?.[0],
    }),
    rf.layers.batchNormalization({ name: names?.[1] }),
    rf.layers.dropout({ rate: 0.2, seed: 1 }),
    rf.layers.dense({ units: 3, activation: 'softmax', name: names?.[2] }),
  ]);
}

async function trainedMlp(): Promise<rf.Sequential> {
  fresh(11);
  const m = mlp();
  const { x, y } = classes(48, 1);
  m.compile({
    optimizer: rf.optimizers.adam({ learningRate: 0.02 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  await m.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0, seed: 2 });
  return m;
}

/** A graph with a residual add and a concatenation, trained one epoch. */
async function trainedGraph(): Promise<rf.Model> {
  fresh(12);
  const input = rf.input({ shape: [4], name: 'features' });
  const h = rf.layers.dense({ units: 4, activation: 'tanh' }).apply(input) as rf.SymbolicTensor;
  const s = rf.layers.add().apply([input, h]) as rf.SymbolicTensor;
  const c = rf.layers
    .concatenate()
    .apply([
      s,
      rf.layers.dense({ units: 2, activation: 'elu' }).apply(input) as rf.SymbolicTensor,
    ]) as rf.SymbolicTensor;
  const out = rf.layers
    .dense({ units: 3, name: 'scores' })
    .apply(rf.layers.layerNormalization().apply(c) as rf.SymbolicTensor) as rf.SymbolicTensor;
  const m = rf.model({ inputs: input, outputs: out });
  const { x, y } = classes(32, 3);
  m.compile({ optimizer: 'adam', loss: rf.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
  await m.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0, seed: 4 });
  return m;
}

const probe = (): rf.Tensor => rf.randomNormal([7, 4], 0, 1.5, 'float32', 99);
const predicted = (m: rf.LayersModel, x: rf.Tensor): Float32Array =>
  (m.predict(x) as rf.Tensor).dataSync() as Float32Array;

describe('rf.exportOnnx', () => {
  it('writes a .onnx file of a trained rf.sequential that ONNX Runtime runs within 1e-5 of predict()', async () => {
    const m = await trainedMlp();
    const path = `${newPath('mlp')}.onnx`;
    const bytes = await rf.exportOnnx(m, path, { opset: 18 });
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
    const x = probe();
    const out = await runOnnxFile(path, 'input', x);
    const last = m.layers.at(-1)!.name;
    expect(Object.keys(out)).toEqual([last]);
    expect(out[last]!.dims).toEqual([7, 3]);
    const expected = predicted(m, x);
    expect(expected.every(Number.isFinite)).toBe(true);
    expect(maxAbsDiff(out[last]!.data, expected)).toBeLessThan(1e-5);
  });

  it('takes a functional rf.model as it is, inputs and outputs named after their layers', async () => {
    const m = await trainedGraph();
    const path = `${newPath('graph')}.onnx`;
    await rf.exportOnnx(m, path);
    const x = probe();
    const out = await runOnnxFile(path, 'features', x);
    expect(Object.keys(out)).toEqual(['scores']);
    expect(maxAbsDiff(out['scores']!.data, predicted(m, x))).toBeLessThan(1e-5);
  });

  it('reports an opset it cannot write, and is also reachable as rf.interop.exportOnnx', async () => {
    const m = await trainedMlp();
    await expect(rf.exportOnnx(m, newPath(), { opset: 16 })).rejects.toThrow(
      new rf.ValueError('exportOnnx: opset must be an integer from 17 to 21, received 16'),
    );
    expect(rf.interop.exportOnnx).toBe(rf.exportOnnx);
  });
});

describe("model.save(dir, {format: 'tfjs'}) and rf.loadModel", () => {
  it('writes model.json + one shard that rf.loadModel reads back with identical predictions', async () => {
    const m = await trainedMlp();
    const dir = newPath('tfjs');
    const result = await m.save(`file://${dir}`, { format: 'tfjs' });
    const shard = (await readdir(dir)).find((f) => f !== 'model.json')!;
    expect(shard).toMatch(/^group1-shard1of1\.[0-9a-f]{16}\.bin$/);
    expect(result).toEqual({
      format: 'tfjs',
      url: `file://${dir}`,
      directory: dir,
      modelJson: join(dir, 'model.json'),
      weightsFile: join(dir, shard),
      weightsFiles: [join(dir, shard)],
      // dense 4·12+12, batch norm 4·12 (gamma, beta, moving mean, moving variance), dense 12·3+3, float32
      weightsBytes: 4 * (60 + 48 + 39),
    });
    expect((await readdir(dir)).sort()).toEqual([shard, 'model.json']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology.class_name).toBe('Sequential');
    const back = await rf.loadModel(dir);
    expect(back).toBeInstanceOf(rf.Sequential);
    expect(back.compiled).toBeUndefined();
    expect(back.layers.map((l) => l.className)).toEqual(['Dense', 'BatchNormalization', 'Dropout', 'Dense']);
    const x = probe();
    expect(predicted(back, x)).toEqual(predicted(m, x));
  });

  it('the same files load in TensorFlow.js and predict within 1e-5', async () => {
    const m = await trainedMlp();
    const dir = newPath('tfjs');
    await m.save(dir, { format: 'tfjs' });
    const tfModel = await loadDirInTfjs(dir);
    const x = probe();
    expect(maxAbsDiff(tfjsPredict(tfModel, x), predicted(m, x))).toBeLessThan(1e-5);
  });

  it('a functional rf.model comes back as an rf.Model with identical predictions', async () => {
    const m = await trainedGraph();
    const dir = newPath('tfjs-graph');
    await m.save(dir, { format: 'tfjs' });
    const back = await rf.loadModel(dir);
    expect(back).toBeInstanceOf(rf.Model);
    expect((back as rf.Model).inputs.map((s) => s.shape)).toEqual([[null, 4]]);
    expect(back.outputNames).toEqual(['scores']);
    const x = probe();
    expect(predicted(back, x)).toEqual(predicted(m, x));
    const tfModel = await loadDirInTfjs(dir);
    expect(maxAbsDiff(tfjsPredict(tfModel, x), predicted(m, x))).toBeLessThan(1e-5);
  });

  it('reads a model saved by TensorFlow.js itself, uncompiled, predicting within 1e-5 of tfjs', async () => {
    const tfModel = tfl.sequential({
      layers: [
        tfl.layers.dense({
          units: 5,
          activation: 'relu',
          inputShape: [4],
          kernelInitializer: 'glorotNormal',
          biasInitializer: 'randomNormal',
        }),
        tfl.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    tfModel.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    const dir = newPath('from-tfjs');
    const { modelJson, weights } = await tfjsFiles(tfModel);
    expect(JSON.parse(modelJson).generatedBy).toMatch(/^TensorFlow\.js tfjs-layers v4\.22\.0$/);
    await mkdir(dir);
    await writeFile(join(dir, 'model.json'), modelJson);
    await writeFile(join(dir, 'weights.bin'), weights);
    const back = await rf.loadModel(dir);
    expect(back).toBeInstanceOf(rf.Sequential);
    expect(back.compiled).toBeUndefined();
    const x = probe();
    expect(maxAbsDiff(predicted(back, x), tfjsPredict(tfModel, x))).toBeLessThan(1e-5);
    back.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' }); // trains like any loaded model
    expect(Number.isFinite(back.trainOnBatch(x, rf.tensor([0, 1, 2, 0, 1, 2, 0], [7], 'int32')).loss)).toBe(true);
  });

  it('a tfjs model.json naming a shard outside its directory is refused', async () => {
    const dir = newPath('evil');
    await mkdir(dir);
    await writeFile(
      join(dir, 'model.json'),
      JSON.stringify({
        format: 'layers-model',
        modelTopology: { class_name: 'Sequential', config: { layers: [] } },
        weightsManifest: [{ paths: ['../secret.bin'], weights: [] }],
      }),
    );
    await expect(rf.loadModel(dir)).rejects.toThrow(
      `loadTfjs: weight path "../secret.bin" in model.json escapes the model directory; it must be a plain file name inside '${dir}'`,
    );
  });
});

describe('model.saveWeights / model.loadWeights (safetensors)', () => {
  it('writes every weight by variable name; a model of the same names loads them', async () => {
    fresh(5);
    const a = mlp(['d1', 'bn', 'd2']);
    const path = join(newPath('weights'), 'nested', 'w.safetensors');
    expect(await a.saveWeights(path)).toBe(path); // default format: safetensors; folders are created
    const { tensors, metadata } = rf.decodeSafetensors(new Uint8Array(await readFile(path)));
    expect([...tensors.keys()]).toEqual(a.weights.map((w) => w.name));
    expect(metadata).toEqual({ format: 'rectify' });
    expect(values(tensors.get('d1/kernel')!)).toEqual(values(a.weights[0]!));
    rf.dispose([...tensors.values()]);
    const b = mlp(['d1', 'bn', 'd2']);
    await b.loadWeights(`file://${path}`, { format: 'safetensors' });
    const x = probe();
    expect(predicted(b, x)).toEqual(predicted(a, x));
  });

  it('a model rebuilt in the same process (new default names) loads a Rectify file by position', async () => {
    const a = await trainedMlp();
    const path = `${newPath('weights')}.safetensors`;
    await a.saveWeights(path, { format: 'safetensors' });
    const b = mlp();
    expect(b.weights[0]!.name).not.toBe(a.weights[0]!.name);
    await b.loadWeights(path);
    const x = probe();
    expect(predicted(b, x)).toEqual(predicted(a, x));
  });

  it('a file from elsewhere is matched by name only, whatever its order; on a mismatch nothing changes', async () => {
    fresh(6);
    const m = mlp(['p', 'q', 'r']);
    const reversed = new Map([...m.weights].reverse().map((w) => [w.name, rf.mul(w, 2)] as const));
    const path = `${newPath('py')}.safetensors`;
    await rf.saveSafetensors(path, reversed); // no 'rectify' metadata, as from Python
    const target = mlp(['p', 'q', 'r']);
    await target.loadWeights(path);
    expect(values(target.weights[0]!)).toEqual(values(reversed.get('p/kernel')!));
    const other = mlp();
    const before = values(other.weights[0]!);
    await expect(other.loadWeights(path)).rejects.toThrow(
      `loadWeights: weight '${other.weights[0]!.name}' of the model is missing from the safetensors file`,
    );
    expect(values(other.weights[0]!)).toEqual(before);
  });

  it('different shapes are not matched by position: the by-name error names the weight', async () => {
    fresh(7);
    const small = rf.sequential([rf.layers.dense({ units: 2, inputShape: [4], name: 's' })]);
    const path = `${newPath('small')}.safetensors`;
    await small.saveWeights(path);
    const big = rf.sequential([rf.layers.dense({ units: 3, inputShape: [4], name: 'b' })]);
    await expect(big.loadWeights(path)).rejects.toThrow(
      "loadWeights: weight 'b/kernel' of the model is missing from the safetensors file",
    );
    await expect(big.loadWeights(join(root, 'missing.safetensors'))).rejects.toThrow(
      `loadWeights: no weights file at '${join(root, 'missing.safetensors')}'`,
    );
  });
});

describe('format options', () => {
  it('an unknown format names the option and the allowed values', async () => {
    fresh(8);
    const m = mlp();
    const dir = newPath();
    await expect(m.save(dir, { format: 'keras' as never })).rejects.toThrow(
      new rf.ValueError(`save: format must be one of 'rectify', 'tfjs', received "keras"`),
    );
    await expect(m.save(dir, { format: 'onnx' as never })).rejects.toThrow(
      `save: format must be one of 'rectify', 'tfjs', received "onnx"; ONNX is written by rf.exportOnnx(model, 'model.onnx')`,
    );
    await expect(m.save(dir, 'tfjs' as never)).rejects.toThrow(
      `save: options must be an object like { format: 'tfjs' }, received "tfjs"`,
    );
    await expect(m.saveWeights(dir, { format: 'h5' as never })).rejects.toThrow(
      `saveWeights: format must be one of 'safetensors', received "h5"`,
    );
    await expect(m.loadWeights(dir, { format: 'rectify' as never })).rejects.toThrow(
      `loadWeights: format must be one of 'safetensors', received "rectify"`,
    );
    await expect(m.saveWeights('')).rejects.toThrow('saveWeights: path must be a non-empty string, received ""');
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/); // nothing was written
  });

  it("the default format is still Rectify's own, with the optimizer state", async () => {
    const m = await trainedMlp();
    const dir = newPath();
    expect((await m.save(dir)).format).toBe('rectify');
    expect(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')).format).toBe('rectify-model');
    expect((await rf.loadModel(dir)).optimizer!.iterations).toBe(m.optimizer!.iterations);
  });
});
