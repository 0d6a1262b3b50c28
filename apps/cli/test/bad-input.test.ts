import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, billionLaughs, ensureBuilt, hasStackTrace, rectify, tempDir } from './helpers.js';

describe('bad input gets one clear line and the right exit code, never a stack trace', () => {
  const cwd = tempDir('bad');

  beforeAll(() => {
    ensureBuilt();
    writeFileSync(join(cwd, 'flowers.csv'), 'a,b,species\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,10,x\n');
  });

  /** Runs the CLI and checks exit code and the exact stderr line. */
  function fails(args: string[], code: number, message: string): void {
    const r = rectify(args, cwd);
    expect(r.stderr).toBe(`rectify: ${message}\n`);
    expect(r.code).toBe(code);
    expect(hasStackTrace(r.stderr)).toBe(false);
  }

  it('a reader that closes the pipe early (`rectify --help | head -1`) is not an error', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --help | head -1; exit \${PIPESTATUS[0]}`], {
      cwd,
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('Usage: rectify [options] [command]\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('unknown command and unknown option: usage error with the nearest valid name', () => {
    fails(['trian'], 2, "unknown command 'trian' (did you mean train?)");
    fails(['train', '--dataset', 'iris', '--epoch', '3'], 2, "unknown option '--epoch' (did you mean --epochs?)");
    fails(
      ['train', '--dataset', 'iris', '--epochs', 'three'],
      2,
      "option '--epochs <n>' argument 'three' is invalid. expected a positive integer",
    );
  });

  it('a config that fails schema validation names the path to the bad field and what is allowed', () => {
    writeFileSync(join(cwd, 'bad-key.yaml'), 'dataset: { name: iris }\nepochz: 3\n');
    fails(
      ['train', 'bad-key.yaml'],
      2,
      "bad-key.yaml: invalid config: epochz: unknown key (did you mean 'epochs'?); allowed keys: name, dataset, preprocessing, model, optimizer, loss, metrics, epochs, batchSize, validationSplit, seed, backend, out, checkpointEvery",
    );
    writeFileSync(join(cwd, 'bad-value.yaml'), 'dataset: { name: iris }\nepochs: -2\nbackend: tpu\n');
    fails(
      ['train', 'bad-value.yaml'],
      2,
      'bad-value.yaml: invalid config: epochs: expected number to be >0, received -2; backend: expected one of "cpu"|"gpu"|"wasm", received "tpu"',
    );
    writeFileSync(
      join(cwd, 'bad-layer.json'),
      JSON.stringify({
        dataset: { name: 'iris' },
        model: {
          layers: [
            { type: 'dense', units: 0 },
            { type: 'dense', units: 3 },
          ],
        },
      }),
    );
    fails(
      ['train', 'bad-layer.json'],
      2,
      'model.layers[0] (dense): dense: units must be a positive integer, received 0',
    );
    writeFileSync(
      join(cwd, 'bad-type.yaml'),
      'dataset: { name: iris }\nmodel:\n  layers:\n    - { type: dens, units: 3 }\n',
    );
    const r = rectify(['train', 'bad-type.yaml'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^rectify: model\.layers\[0\]\.type: unknown layer type 'dens' \(did you mean 'Dense'\?\); known types: .*Dense.*\n$/,
    );
    writeFileSync(join(cwd, 'bad-yaml.yaml'), 'dataset: { name: iris\n');
    const y = rectify(['train', 'bad-yaml.yaml'], cwd);
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(/^rectify: bad-yaml\.yaml:\d+:\d+: not valid YAML: .+\n$/);
    fails(
      ['train', '--dataset', 'iris', '--optimizer', 'adma'],
      2,
      "optimizer.name: unknown optimizer 'adma' (did you mean 'adam'?); known optimizers: sgd, adam, adamw, rmsprop, adagrad, adamax, adadelta",
    );
    const act = rectify(['train', '--dataset', 'iris', '--activation', 'rleu'], cwd);
    expect(act.code).toBe(2);
    expect(act.stderr).toMatch(
      /^rectify: model\.activation: unknown activation 'rleu' \(did you mean 'relu'\?\); known activations: .*gelu.*\n$/,
    );
  });

  it('numbers on the command line are plain decimals; a YAML "billion laughs" config is bad input', () => {
    fails(
      ['train', '--dataset', 'iris', '--lr', '0x10'],
      2,
      "option '--lr <rate>' argument '0x10' is invalid. expected a positive decimal number such as 0.01 or 1e-3",
    );
    writeFileSync(join(cwd, 'laughs.yaml'), `${billionLaughs()}dataset: { name: iris }\n`);
    fails(
      ['train', 'laughs.yaml'],
      2,
      'laughs.yaml: not a usable config: its YAML aliases (*name) expand too much (over 32 alias uses, as in a "billion laughs" file); write the values out instead',
    );
  });

  it('a missing or unreadable file is a failure naming the file', () => {
    fails(['train', 'nope.yaml'], 1, 'cannot read config file nope.yaml: no such file');
    mkdirSync(join(cwd, 'a-dir.yaml'), { recursive: true });
    fails(['train', 'a-dir.yaml'], 1, 'cannot read config file a-dir.yaml: it is a directory');
    fails(
      ['train', '--dataset', 'csv:missing.csv', '--target', 'y'],
      1,
      'cannot read CSV file missing.csv: no such file',
    );
  });

  it('CSV rows with the wrong number of fields or a non-numeric value name file, line and column', () => {
    writeFileSync(join(cwd, 'short.csv'), 'a,b,species\n1,2,x\n3,y\n');
    fails(
      ['train', '--dataset', 'csv:short.csv', '--target', 'species'],
      1,
      'short.csv:3: expected 3 fields as in the header, found 2',
    );
    writeFileSync(join(cwd, 'text.csv'), 'a,b,species\n1,2,x\n\n3,four,y\n');
    fails(
      ['train', '--dataset', 'csv:text.csv', '--target', 'species'],
      1,
      "text.csv:4: column 2 ('b'): expected a number, found 'four'",
    );
  });

  it('a target column that does not exist lists the columns', () => {
    fails(
      ['train', '--dataset', 'csv:flowers.csv', '--target', 'specis'],
      2,
      "flowers.csv: target column 'specis' does not exist (did you mean 'species'?); columns are: a, b, species",
    );
    fails(
      ['train', '--dataset', 'csv:flowers.csv'],
      2,
      'csv:flowers.csv: --target <column> is required for a CSV dataset',
    );
  });

  it('an unknown dataset lists the known ones', () => {
    fails(
      ['train', '--dataset', 'irsi'],
      2,
      "unknown dataset 'irsi' (did you mean 'iris'?); known datasets: iris, mnist, fashion-mnist, boston-housing, moby-dick, two-moons, spirals, sine-series, or csv:<path>",
    );
    fails(['evaluate', '.'], 1, '. is not a model directory: no model.json in it or in model');
  });

  it('a corrupt model directory is reported, not thrown', () => {
    const train = rectify(
      [
        'train',
        '--dataset',
        'csv:flowers.csv',
        '--target',
        'species',
        '--epochs',
        '1',
        '--validation-split',
        '0',
        '--out',
        'ok',
        '--quiet',
      ],
      cwd,
    );
    expect(train.code).toBe(0);
    mkdirSync(join(cwd, 'broken'));
    for (const f of readdirSync(join(cwd, 'ok/model'))) copyFileSync(join(cwd, 'ok/model', f), join(cwd, 'broken', f));
    const weights = readdirSync(join(cwd, 'broken')).find((f) => f.endsWith('.bin'))!;
    writeFileSync(join(cwd, 'broken', weights), readFileSync(join(cwd, 'broken', weights)).subarray(0, 10));
    const r = rectify(['evaluate', 'broken'], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^rectify: cannot load the model in broken: weights file '${weights}' is truncated: it has 10 bytes, model.json lists \\d+\\n$`,
      ),
    );
    writeFileSync(join(cwd, 'broken', 'model.json'), '{"format": "rectify-model"');
    const j = rectify(['predict', 'broken', '--input', 'flowers.csv'], cwd);
    expect(j.code).toBe(1);
    expect(j.stderr).toMatch(/^rectify: cannot load the model in broken: model\.json is not valid JSON \(.+\)\n$/);
    fails(['evaluate', 'missing-model'], 1, 'model directory missing-model does not exist');
  });
});
