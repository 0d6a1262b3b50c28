import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../src/datasets/registry.js';
import { permutation, stratifiedSplit } from '../src/datasets/split.js';
import { fitStandardizer, applyStandardizer } from '../src/datasets/standardize.js';
import { parseCsv } from '../src/datasets/csv-parse.js';
import { fashionMnist } from '../src/datasets/fashion-mnist.js';
import { encodeText, MOBY_VOCABULARY, normalizeText } from '../src/datasets/moby-dick.js';

describe('datasets', () => {
  it('iris: 120/30 stratified split, 10 test flowers per species, identical on every load', () => {
    const a = loadDataset('iris');
    expect([a.train.n, a.test.n]).toEqual([120, 30]);
    expect([0, 1, 2].map((c) => a.test.y.filter((y) => y === c).length)).toEqual([10, 10, 10]);
    expect(loadDataset('iris').test.x).toEqual(a.test.x);
    // Rows stay intact: every test row is a row of the raw data set (sepal length within 4.3..7.9 cm).
    for (let i = 0; i < a.test.n; i++) expect(a.test.x[4 * i]).toBeGreaterThanOrEqual(4.3);
  });

  it('mnist: 8,000 / 2,000 real digits in [0, 1]; --limit cuts training only; image layout', () => {
    const d = loadDataset('mnist', { limit: 500, layout: 'image' });
    expect([d.train.n, d.test.n]).toEqual([500, 2000]);
    expect(d.inputShape).toEqual([28, 28, 1]);
    expect(Math.max(...d.test.x.subarray(0, 784 * 20))).toBeLessThanOrEqual(1);
    expect(Math.min(...d.test.x.subarray(0, 784 * 20))).toBe(0);
    // 20 % of each digit is held out: digit 0 has 1,001 images in the package, so round(200.2) = 200.
    expect(d.test.y.filter((y) => y === 0).length).toBe(200);
  });

  it('boston-housing: 13 features, medv target; standardisation uses training statistics only', () => {
    const d = loadDataset('boston-housing', { standardize: true });
    expect([d.train.n, d.test.n, d.inputShape[0]]).toEqual([405, 101, 13]);
    const s = fitStandardizer(d.train);
    for (let j = 0; j < 13; j++) {
      expect(s.mean[j]).toBeCloseTo(0, 5);
      expect(s.std[j]).toBeCloseTo(1, 5);
    }
    expect(d.standardizer!.mean[5]).toBeGreaterThan(6); // rm: about 6.3 rooms on average
  });

  it('moby-dick: character windows, target is the next character', () => {
    const d = loadDataset('moby-dick', { seqLen: 16, limit: 10 });
    expect(d.inputShape).toEqual([16]);
    const first = Array.from(d.train.x.subarray(0, 16), (t) => MOBY_VOCABULARY[t]).join('');
    expect(first).toBe('chapter ~. loomi'); // digits are outside the 37-token vocabulary
    expect(MOBY_VOCABULARY[d.train.y[0]!]).toBe('n');
    expect(normalizeText('“Call me” — Ishmael’s')).toBe('"call me" - ishmael\'s');
    expect(Array.from(encodeText('a~é'))).toEqual([2, 0, 0]);
  });

  it('two-moons and spirals are generated the same way every time, independent of the training seed', () => {
    const a = loadDataset('two-moons', { samples: 100 });
    expect([a.train.n, a.test.n]).toEqual([80, 20]);
    expect(loadDataset('two-moons', { samples: 100 }).train.x).toEqual(a.train.x);
    expect(loadDataset('spirals').numClasses).toBe(3);
  });

  it('a seeded permutation is a permutation, and the stratified split keeps class proportions', () => {
    const p = permutation(1000, 3);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(permutation(1000, 3)).toEqual(p);
    expect(permutation(1000, 4)).not.toEqual(p);
    const y = Float32Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));
    const { head, tail } = stratifiedSplit({ x: Float32Array.from(y), y, n: 100 }, 0.25, 1);
    expect([tail.y.filter((v) => v === 0).length, tail.y.filter((v) => v === 1).length]).toEqual([20, 5]);
    expect(head.x).toEqual(head.y); // x and y rows moved together
  });

  it('standardising a constant feature gives 0, not NaN', () => {
    const split = { x: Float32Array.from([5, 1, 5, 3]), y: new Float32Array(2), n: 2 };
    expect(Array.from(applyStandardizer(split, fitStandardizer(split)).x)).toEqual([0, -1, 0, 1]);
  });

  it('parses quoted CSV fields with commas and doubled quotes', () => {
    const t = parseCsv('name,"x, y"\n"a ""b""",2\n\n', 'q.csv');
    expect(t.header).toEqual(['name', 'x, y']);
    expect(t.rows).toEqual([{ line: 2, fields: ['a "b"', '2'] }]);
    expect(() => parseCsv('a,b\n"1,2\n', 'q.csv')).toThrow('q.csv:2: unterminated quoted field');
    expect(() => parseCsv('\n\n', 'e.csv')).toThrow('e.csv: the file is empty; expected a header row and data rows');
  });

  it('csv: string targets become classes, numeric targets regression', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-csv-'));
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i * 2},${i % 2 ? 'odd' : 'even'},${i * 1.5}`);
    writeFileSync(join(dir, 'd.csv'), `a,b,kind,value\n${rows.join('\n')}\n`);
    const c = loadDataset(`csv:${join(dir, 'd.csv')}`, { target: 'kind' });
    expect(c.task).toBe('classification');
    expect(c.classNames).toEqual(['even', 'odd']);
    expect(c.featureNames).toEqual(['a', 'b', 'value']);
    // With 'value' as the target, the string column 'kind' is a feature, and features must be numbers.
    expect(() => loadDataset(`csv:${join(dir, 'd.csv')}`, { target: 'value' })).toThrow(
      `${join(dir, 'd.csv')}:2: column 3 ('kind'): expected a number, found 'even'`,
    );
    writeFileSync(join(dir, 'r.csv'), `a,b,value\n${rows.map((r) => r.replace(/,(odd|even)/, '')).join('\n')}\n`);
    const r = loadDataset(`csv:${join(dir, 'r.csv')}`, { target: 'value' });
    expect([r.task, r.numClasses, r.train.n + r.test.n]).toEqual(['regression', 1, 20]);
    expect([...r.train.y, ...r.test.y].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i * 1.5));
  });
});

describe('fashion-mnist (optional Debian package)', () => {
  const saved = process.env['RECTIFY_FASHION_MNIST_DIR'];
  afterEach(() => {
    if (saved === undefined) delete process.env['RECTIFY_FASHION_MNIST_DIR'];
    else process.env['RECTIFY_FASHION_MNIST_DIR'] = saved;
  });

  function idx(dims: number[], data: number[]): Buffer {
    const head = Buffer.alloc(4 + 4 * dims.length);
    head.writeUInt32BE(0x0800 + dims.length, 0);
    dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
    return gzipSync(Buffer.concat([head, Buffer.from(data)]));
  }

  it('says how to install it when the files are missing', () => {
    process.env['RECTIFY_FASHION_MNIST_DIR'] = '/nonexistent';
    expect(fashionMnist.available()).toBe(
      'not installed: /nonexistent/train-images-idx3-ubyte.gz is missing (install it with: apt-get install dataset-fashion-mnist)',
    );
    expect(() => loadDataset('fashion-mnist')).toThrow('fashion-mnist: not installed');
  });

  it('reads the gzipped IDX files when present', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-fmnist-'));
    const image = (v: number) => new Array<number>(784).fill(v);
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), idx([2, 28, 28], [...image(255), ...image(0)]));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), idx([2], [9, 3]));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), idx([1, 28, 28], image(51)));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), idx([1], [1]));
    process.env['RECTIFY_FASHION_MNIST_DIR'] = dir;
    const d = loadDataset('fashion-mnist');
    expect([d.train.n, d.test.n]).toEqual([2, 1]);
    expect([d.train.x[0], d.train.x[784], d.test.x[0]]).toEqual([1, 0, Math.fround(51 / 255)]);
    expect(Array.from(d.train.y)).toEqual([9, 3]);
    expect(d.classNames![9]).toBe('ankle boot');
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), idx([2], [1, 2]));
    expect(() => loadDataset('fashion-mnist')).toThrow(
      'fashion-mnist: t10k-images-idx3-ubyte.gz has 1 images but t10k-labels-idx1-ubyte.gz has 2 labels',
    );
  });
});
