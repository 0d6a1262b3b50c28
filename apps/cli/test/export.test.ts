import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LayersModel, type Tensor, loadModel, randomNormal } from '@rectify/rectify';
import { EXAMPLES, ensureBuilt, hasStackTrace, rectify, tempDir } from './helpers.js';

/** ONNX Runtime's output for `x` fed to the model's single input 'input'. */
async function runOnnx(path: string, x: Tensor): Promise<{ names: string[]; data: Float32Array }> {
  const session = await ort.InferenceSession.create(path);
  try {
    const out = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x.dataSync()), [...x.shape]) });
    const names = Object.keys(out);
    return { names, data: out[names[0]!]!.data as Float32Array };
  } finally {
    await session.release();
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  return Array.from(a).reduce((m, v, i) => Math.max(m, Number.isFinite(v) ? Math.abs(v - b[i]!) : Infinity), 0);
}

const predicted = (m: LayersModel, x: Tensor): Float32Array => (m.predict(x) as Tensor).dataSync() as Float32Array;

describe('rectify export, from a model trained on iris', () => {
  const cwd = tempDir('export');
  const run = join(cwd, 'run');
  const modelDir = join(run, 'model');
  const note = `note: the model expects standardized features; the training mean and std are in ${join(modelDir, 'rectify-cli.json')}\n`;
  const x = randomNormal([9, 4], 0, 1, 'float32', 5);
  let trained: LayersModel;

  beforeAll(async () => {
    ensureBuilt();
    const train = rectify(['train', join(EXAMPLES, 'iris-mlp.yaml'), '--epochs', '3', '--out', run, '--quiet'], cwd);
    expect(train.code).toBe(0);
    trained = await loadModel(modelDir);
  });

  it('--format onnx writes <model-dir>/model.onnx, which ONNX Runtime runs within 1e-5 of the model', async () => {
    const r = rectify(['export', run, '--format', 'onnx'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const path = join(modelDir, 'model.onnx');
    expect(r.stdout).toBe(`exported ${path} (ONNX, opset 17)\n${note}`);
    const out = await runOnnx(path, x);
    expect(out.names).toEqual([trained.layers.at(-1)!.name]);
    expect(maxAbsDiff(out.data, predicted(trained, x))).toBeLessThan(1e-5);
  });

  it('--opset and --out choose the opset and the file, creating its folder', async () => {
    const r = rectify(['export', modelDir, '--format', 'onnx', '--opset', '21', '--out', 'exports/iris.onnx'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`exported exports/iris.onnx (ONNX, opset 21)\n${note}`);
    const bytes = readFileSync(join(cwd, 'exports/iris.onnx'));
    // opset_import, field 8 of ModelProto: {domain: '' (field 1), version: 21 (field 2)} is the bytes 42 04 0a 00 10 15.
    expect(bytes.includes(Buffer.from([0x42, 0x04, 0x0a, 0x00, 0x10, 21]))).toBe(true);
    expect(maxAbsDiff((await runOnnx(join(cwd, 'exports/iris.onnx'), x)).data, predicted(trained, x))).toBeLessThan(
      1e-5,
    );
  });

  it('--format tfjs writes model.json and one shard to <model-dir>/tfjs, which rf.loadModel reads back identically', async () => {
    const r = rectify(['export', run, '--format', 'tfjs'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = join(modelDir, 'tfjs');
    expect(r.stdout).toBe(`exported ${join(dir, 'model.json')} (TensorFlow.js layers format)\n${note}`);
    expect(readdirSync(dir).sort()).toEqual([
      expect.stringMatching(/^group1-shard1of1\.[0-9a-f]{16}\.bin$/),
      'model.json',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).format).toBe('layers-model');
    const back = await loadModel(dir);
    expect(predicted(back, x)).toEqual(predicted(trained, x));
  });

  it('usage mistakes exit 2 with one line naming what is allowed; a missing model exits 1', () => {
    const fails = (args: string[], code: number, message: string): void => {
      const r = rectify(args, cwd);
      expect(r.stderr).toBe(`rectify: ${message}\n`);
      expect(r.code).toBe(code);
      expect(hasStackTrace(r.stderr)).toBe(false);
    };
    fails(
      ['export', run, '--format', 'keras'],
      2,
      "option '--format <format>' argument 'keras' is invalid. expected one of onnx, tfjs",
    );
    fails(['export', run], 2, "required option '--format <format>' not specified");
    fails(
      ['export', run, '--format', 'onnx', '--opset', '16'],
      2,
      '--opset must be an integer from 17 to 21, received 16',
    );
    fails(
      ['export', run, '--format', 'onnx', '--opset', 'x'],
      2,
      "option '--opset <n>' argument 'x' is invalid. expected a positive integer",
    );
    fails(
      ['export', run, '--format', 'tfjs', '--opset', '18'],
      2,
      '--opset applies to --format onnx only, not --format tfjs',
    );
    fails(
      ['export', run, '--format', 'tfjs', '--out', modelDir],
      2,
      `--out ${modelDir} is the model directory itself; the TensorFlow.js model.json would replace Rectify's, so choose another directory`,
    );
    fails(['export', 'missing', '--format', 'onnx'], 1, 'model directory missing does not exist');
    expect(existsSync(join(cwd, 'missing'))).toBe(false);
  });

  it('is documented in --help', () => {
    const r = rectify(['export', '--help'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rectify export \[options\] <model-dir>/);
    expect(r.stdout).toMatch(/--format <format> +onnx or tfjs/);
    expect(r.stdout).toMatch(/--opset <n> +ONNX opset, 17 to 21/);
    expect(rectify(['--help'], cwd).stdout).toMatch(
      /^ {2}export \[options\] <model-dir> +write a saved model as ONNX/m,
    );
  });
});
