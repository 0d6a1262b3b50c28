import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '@rectify/rectify';
import { tensor } from '@rectify/tensor';
import pngjs from 'pngjs';
import { ensureBuilt, hasStackTrace, rectify, tempDir } from './helpers.js';

/** A model directory is untrusted input: its sidecar is validated like model.json, its weights are checked. */
describe('a model directory is untrusted input', () => {
  const cwd = tempDir('trust');
  const FLOWER = 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n';
  let sidecar: Record<string, unknown>;

  beforeAll(() => {
    ensureBuilt();
    expect(
      rectify(['train', '--dataset', 'iris', '--standardize', '--epochs', '1', '--out', 'run', '--quiet'], cwd).code,
    ).toBe(0);
    writeFileSync(join(cwd, 'flowers.csv'), FLOWER);
    sidecar = JSON.parse(readFileSync(join(cwd, 'run/model/rectify-cli.json'), 'utf8')) as Record<string, unknown>;
  });

  /** A copy of the trained model whose sidecar is `text`. */
  function tampered(name: string, text: string): string {
    cpSync(join(cwd, 'run/model'), join(cwd, name), { recursive: true });
    writeFileSync(join(cwd, name, 'rectify-cli.json'), text);
    return name;
  }

  /** The sidecar's JSON as a test edits it: any value may be replaced by one of the wrong type. */
  interface SidecarJson {
    [key: string]: unknown;
    standardizer: { mean: unknown[]; std: unknown[] };
    config: { dataset: Record<string, unknown> };
  }

  function edit(change: (s: SidecarJson) => void): string {
    const copy = structuredClone(sidecar) as SidecarJson;
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
    const nan = tampered(
      'nan-mean',
      edit((s) => (s.standardizer.mean[0] = null)),
    );
    usageError(
      ['predict', nan, '--input', 'flowers.csv'],
      'nan-mean/rectify-cli.json: invalid sidecar: standardizer.mean[0]: expected number, received null',
    );
    usageError(
      ['evaluate', nan],
      'nan-mean/rectify-cli.json: invalid sidecar: standardizer.mean[0]: expected number, received null',
    );
    // JSON has no Infinity, but 1e999 parses to it.
    const inf = tampered(
      'inf-std',
      JSON.stringify(sidecar)
        .replace('"std":[', '"std":[1e999,')
        .replace(/("std":\[1e999,[^\]]*),[^,\]]+\]/, '$1]'),
    );
    usageError(
      ['predict', inf, '--input', 'flowers.csv'],
      'inf-std/rectify-cli.json: invalid sidecar: standardizer.std[0]: expected number, received Infinity',
    );
    const zero = tampered(
      'zero-std',
      edit((s) => (s.standardizer.std[2] = 0)),
    );
    usageError(
      ['predict', zero, '--input', 'flowers.csv'],
      'zero-std/rectify-cli.json: invalid sidecar: standardizer.std[2]: expected a number > 0, received 0',
    );
    const short = tampered(
      'short-std',
      edit((s) => s.standardizer.std.pop()),
    );
    const r = rectify(['predict', short, '--input', 'flowers.csv'], cwd);
    expect(r.stderr).toMatch(
      /^rectify: short-std\/rectify-cli\.json: invalid sidecar: standardizer\.std: expected 4 entries \(one per input feature\), found 3, received \[0\.\d+,.*\n$/,
    );
    expect(r.code).toBe(2);
  });

  it('an unknown dataset, wrong types and broken JSON name the file and the field', () => {
    const unknown = tampered(
      'unknown',
      edit((s) => {
        s.dataset = 'imagenet';
        s.config.dataset.name = 'imagenet';
      }),
    );
    usageError(
      ['evaluate', unknown],
      'unknown/rectify-cli.json: invalid sidecar: dataset: expected a built-in dataset (iris, mnist, fashion-mnist, boston-housing, moby-dick, two-moons, spirals, sine-series), csv:<path> or images:<dir>, received "imagenet"',
    );
    const types = tampered(
      'types',
      edit((s) => {
        s.inputShape = '4';
        s.numClasses = -3;
      }),
    );
    usageError(
      ['predict', types, '--input', 'flowers.csv'],
      'types/rectify-cli.json: invalid sidecar: inputShape: expected array, received "4"; numClasses: expected number to be >0, received -3',
    );
    const extra = tampered(
      'extra',
      edit((s) => (s['__proto__evil'] = 1)),
    );
    usageError(
      ['evaluate', extra],
      'extra/rectify-cli.json: invalid sidecar: __proto__evil: unknown key; allowed keys: version, dataset, task, inputShape, numClasses, classNames, featureNames, vocabulary, standardizer, config',
    );
    const broken = tampered('broken', '{"version": 1,');
    const r = rectify(['evaluate', broken], cwd);
    expect(r.stderr).toMatch(/^rectify: broken\/rectify-cli\.json: invalid sidecar: not valid JSON \(.+\)\n$/);
    expect(r.code).toBe(2);
  });

  it('a CSV path in the sidecar is never opened: the user must name the file again', () => {
    const secret = 'root:x:0:0:secret-first-line\n';
    writeFileSync(join(cwd, 'secret.txt'), secret);
    const path = join(cwd, 'secret.txt');
    const dir = tampered(
      'points-elsewhere',
      edit((s) => {
        s.dataset = `csv:${path}`;
        s.config.dataset = { name: `csv:${path}`, target: 'species' };
      }),
    );
    for (const args of [
      ['evaluate', dir],
      ['inspect', dir],
    ]) {
      const r = rectify(args, cwd);
      expect(r.stderr).toBe(
        `rectify: the model in ${dir} was trained on csv:${path}; pass --dataset csv:<path> (and --target <column>) to say which file to read\n`,
      );
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
    // The library notices while loading; the CLI passes its warning on once instead of adding its own.
    const warning = `rectify: warning: loadModel: weight '${kernel.name}' holds NaN or Infinity values; the model loads, but its predictions will be NaN\n`;
    const p = rectify(['predict', 'nan-weights', '--input', 'flowers.csv'], cwd);
    expect(p.stderr).toBe(
      `${warning}rectify: the model in nan-weights gave outputs that are not numbers (NaN or infinite) for 2 of 2 samples (sample 1, 2); its weights or the input are broken\n`,
    );
    expect(p.stdout).toBe('');
    expect(p.code).toBe(1);
    const e = rectify(['evaluate', 'nan-weights'], cwd);
    expect(e.stderr).toBe(warning);
    // The healthy model predicts with no warning at all.
    const ok = rectify(['predict', 'run', '--input', 'flowers.csv'], cwd);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
  });

  it('predict CSV: columns by header name, --no-header said explicitly, duplicates refused, --delimiter and ; detection', () => {
    const ok = rectify(['predict', 'run', '--input', 'flowers.csv', '--json'], cwd);
    expect(ok.code).toBe(0);
    const expected = (JSON.parse(ok.stdout) as { predictions: unknown[] }).predictions;
    const same = (args: string[], stderr = ''): void => {
      const r = rectify(['predict', 'run', ...args, '--json'], cwd);
      expect(r.stderr).toBe(stderr);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { predictions: unknown[] }).predictions).toEqual(expected);
    };
    // The same samples with the columns shuffled, ';'-separated, a quoted header name, and an extra column.
    writeFileSync(
      join(cwd, 'shuffled.csv'),
      'petal_width;"sepal_length";species;sepal_width;petal_length\n0.2;5.1;"set\nosa";3.5;1.4\n2.3;6.7;x;3.0;5.2\n',
    );
    same(['--input', 'shuffled.csv'], 'rectify: note: shuffled.csv: ignoring column species (not a model input)\n');
    writeFileSync(join(cwd, 'pipes.csv'), FLOWER.replace(/,/g, '|'));
    same(['--input', 'pipes.csv', '--delimiter', '|']);
    // Header-less: refused without --no-header (the first sample would be lost), read by position with it.
    writeFileSync(join(cwd, 'bare.csv'), FLOWER.split('\n').slice(1).join('\n'));
    const bare = rectify(['predict', 'run', '--input', 'bare.csv'], cwd);
    expect(bare.stderr).toBe(
      'rectify: bare.csv: the first row (5.1, 3.5, 1.4, 0.2) is all numbers, so it looks like data, not a header of column names; if the file has no header row, pass --no-header\n',
    );
    expect(bare.code).toBe(1);
    same(['--input', 'bare.csv', '--no-header']);
    writeFileSync(join(cwd, 'renamed.csv'), FLOWER.replace('petal_width', 'petal_w'));
    const renamed = rectify(['predict', 'run', '--input', 'renamed.csv'], cwd);
    expect(renamed.stderr).toBe(
      "rectify: renamed.csv: missing column 'petal_width'; the model was trained on the columns sepal_length, sepal_width, petal_length, petal_width, and the file also has 'petal_w'\n",
    );
    expect(renamed.code).toBe(1);
    writeFileSync(join(cwd, 'dup.csv'), FLOWER.replace('petal_width', 'sepal_length'));
    const dup = rectify(['predict', 'run', '--input', 'dup.csv'], cwd);
    expect(dup.stderr).toBe(
      "rectify: dup.csv: the header names column 'sepal_length' twice (columns 1 and 4); column names must be distinct\n",
    );
    expect(dup.code).toBe(1);
    const badDelimiter = rectify(['predict', 'run', '--input', 'pipes.csv', '--delimiter', ';;'], cwd);
    expect(badDelimiter.stderr).toBe(
      "rectify: option '--delimiter <char>' argument ';;' is invalid. expected one character such as ';' or ',', or 'tab'\n",
    );
    expect(badDelimiter.code).toBe(2);
  });

  it('predict refuses a PNG whose header declares more pixels than the budget, before decoding it', () => {
    // The iris model takes 4 inputs, which predict reads from a PNG as a 2 × 2 grey image.
    const image = new pngjs.PNG({ width: 64, height: 64 });
    image.data.fill(255);
    const small = pngjs.PNG.sync.write(image);
    writeFileSync(join(cwd, 'small.png'), small);
    expect(rectify(['predict', 'run', '--input', 'small.png'], cwd).code).toBe(0);
    const budget = rectify(['predict', 'run', '--input', 'small.png', '--max-pixels', '4095'], cwd);
    expect(budget.stderr).toBe(
      'rectify: small.png: the PNG image is 64 × 64 = 4,096 pixels, over the budget of 4,095; resize it, or raise the budget with --max-pixels\n',
    );
    expect(budget.code).toBe(1);
    const bomb = Buffer.from(small);
    bomb.writeUInt32BE(20000, 16);
    bomb.writeUInt32BE(20000, 20);
    writeFileSync(join(cwd, 'bomb.png'), bomb);
    const r = rectify(['predict', 'run', '--input', 'bomb.png'], cwd);
    expect(r.stderr).toBe(
      'rectify: bomb.png: the PNG image is 20000 × 20000 = 400,000,000 pixels, over the budget of 16,777,216; resize it, or raise the budget with --max-pixels\n',
    );
    expect(r.code).toBe(1);
  });
});
