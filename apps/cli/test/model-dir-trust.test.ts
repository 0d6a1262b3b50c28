import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '@rectify/rectify';
import { tensor } from '@rectify/tensor';
import { ensureBuilt, hasStackTrace, rectify, tempDir } from './helpers.js';

/** A model directory is untrusted input: its sidecar is validated like model.json, its weights are checked. */
describe('a model directory is untrusted input', () => {
  const cwd = tempDir('trust');
  const FLOWER = 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n';
  let sidecar: Record<string, unknown>;

  beforeAll(() => {
    ensureBuilt();
    expect(rectify(['train', '--dataset', 'iris', '--standardize', '--epochs', '1', '--out', 'run', '--quiet'], cwd).code).toBe(0);
    writeFileSync(join(cwd, 'flowers.csv'), FLOWER);
    sidecar = JSON.parse(readFileSync(join(cwd, 'run/model/rectify-cli.json'), 'utf8')) as Record<string, unknown>;
  });

  /** A copy of the trained model whose sidecar is `text`. */
  function tampered(name: string, text: string): string {
    cpSync(join(cwd, 'run/model'), join(cwd, name), { recursive: true });
    writeFileSync(join(cwd, name, 'rectify-cli.json'), text);
    return name;
  }

  function edit(change: (s: Record<string, any>) => void): string {
    const copy = structuredClone(sidecar) as Record<string, any>;
    change(copy);
    return JSON.stringify(copy);
  }

  function usageError(args: string[], message: string): void {
    const r = rectify(args, cwd);
    expect(r.stderr).toBe(`rectify: ${message}\n`);
    expect(r.code).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
  }

  it('non-finite scaling statistics are refused by field, never turned into NaN predictions', () => {
    const nan = tampered('nan-mean', edit((s) => (s.standardizer.mean[0] = null)));
    usageError(['predict', nan, '--input', 'flowers.csv'], 'nan-mean/rectify-cli.json: invalid sidecar: standardizer.mean[0]: expected number, received null');
    usageError(['evaluate', nan], 'nan-mean/rectify-cli.json: invalid sidecar: standardizer.mean[0]: expected number, received null');
    // JSON has no Infinity, but 1e999 parses to it.
    const inf = tampered('inf-std', JSON.stringify(sidecar).replace('"std":[', '"std":[1e999,').replace(/("std":\[1e999,[^\]]*),[^,\]]+\]/, '$1]'));
    usageError(['predict', inf, '--input', 'flowers.csv'], 'inf-std/rectify-cli.json: invalid sidecar: standardizer.std[0]: expected number, received Infinity');
    const zero = tampered('zero-std', edit((s) => (s.standardizer.std[2] = 0)));
    usageError(['predict', zero, '--input', 'flowers.csv'], 'zero-std/rectify-cli.json: invalid sidecar: standardizer.std[2]: expected a number > 0, received 0');
    const short = tampered('short-std', edit((s) => s.standardizer.std.pop()));
    const r = rectify(['predict', short, '--input', 'flowers.csv'], cwd);
    expect(r.stderr).toMatch(/^rectify: short-std\/rectify-cli\.json: invalid sidecar: standardizer\.std: expected 4 entries \(one per input feature\), found 3, received \[0\.\d+,.*\n$/);
    expect(r.code).toBe(2);
  });

  it('an unknown dataset, wrong types and broken JSON name the file and the field', () => {
    const unknown = tampered('unknown', edit((s) => {
      s.dataset = 'imagenet';
      s.config.dataset.name = 'imagenet';
    }));
    usageError(['evaluate', unknown], 'unknown/rectify-cli.json: invalid sidecar: dataset: expected a built-in dataset (iris, mnist, fashion-mnist, boston-housing, moby-dick, two-moons, spirals) or csv:<path>, received "imagenet"');
    const types = tampered('types', edit((s) => {
      s.inputShape = '4';
      s.numClasses = -3;
    }));
    usageError(['predict', types, '--input', 'flowers.csv'], 'types/rectify-cli.json: invalid sidecar: inputShape: expected array, received "4"; numClasses: expected number to be >0, received -3');
    const extra = tampered('extra', edit((s) => (s.__proto__evil = 1)));
    usageError(['evaluate', extra], "extra/rectify-cli.json: invalid sidecar: __proto__evil: unknown key; allowed keys: version, dataset, task, inputShape, numClasses, classNames, featureNames, vocabulary, standardizer, config");
    const broken = tampered('broken', '{"version": 1,');
    const r = rectify(['evaluate', broken], cwd);
    expect(r.stderr).toMatch(/^rectify: broken\/rectify-cli\.json: invalid sidecar: not valid JSON \(.+\)\n$/);
    expect(r.code).toBe(2);
  });

  it('a CSV path in the sidecar is never opened: the user must name the file again', () => {
    const secret = 'root:x:0:0:secret-first-line\n';
    writeFileSync(join(cwd, 'secret.txt'), secret);
    const path = join(cwd, 'secret.txt');
    const dir = tampered('points-elsewhere', edit((s) => {
      s.dataset = `csv:${path}`;
      s.config.dataset = { name: `csv:${path}`, target: 'species' };
    }));
    for (const args of [['evaluate', dir], ['inspect', dir]]) {
      const r = rectify(args, cwd);
      expect(r.stderr).toBe(`rectify: the model in ${dir} was trained on csv:${path}; pass --dataset csv:<path> (and --target <column>) to say which file to read\n`);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain('secret-first-line');
    }
  });

  it('NaN weights: one warning naming the weight, and predict exits 1 instead of printing NaN', async () => {
    const model = await loadModel(join(cwd, 'run/model'));
    const kernel = model.layers[0]!.weights[0]!;
    const values = Float32Array.from(kernel.dataSync());
    values[0] = NaN;
    values[5] = Infinity;
    kernel.assign(tensor(values, kernel.shape, 'float32'));
    await model.save(join(cwd, 'nan-weights'));
    model.dispose();
    cpSync(join(cwd, 'run/model/rectify-cli.json'), join(cwd, 'nan-weights/rectify-cli.json'));
    const warning = `rectify: warning: weight '${kernel.name}' of the model in nan-weights holds 1 NaN and 1 infinite values (of ${values.length}); its outputs will be NaN\n`;
    const p = rectify(['predict', 'nan-weights', '--input', 'flowers.csv'], cwd);
    expect(p.stderr).toBe(`${warning}rectify: the model in nan-weights gave outputs that are not numbers (NaN or infinite) for 2 of 2 samples (sample 1, 2); its weights or the input are broken\n`);
    expect(p.stdout).toBe('');
    expect(p.code).toBe(1);
    const e = rectify(['evaluate', 'nan-weights'], cwd);
    expect(e.stderr).toBe(warning);
    // The healthy model predicts with no warning at all.
    const ok = rectify(['predict', 'run', '--input', 'flowers.csv'], cwd);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });
});
