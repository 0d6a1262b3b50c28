import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { csv, DatasetError, type CsvConfig } from '@rectify/data';
import { plain } from './helpers.js';

const text = 'a,b,label\n1,2,0\n3,,1\n5,6,x\n';
const dataUrl = (s: string) => `data:text/csv;base64,${Buffer.from(s).toString('base64')}`;
const dir = mkdtempSync(join(tmpdir(), 'rf-data-csv-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** The elements as JSON sees them (tf.data leaves an empty field undefined, which JSON drops). */
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('csv', () => {
  const configs: CsvConfig[] = [
    {},
    { columnConfigs: { label: { isLabel: true } } },
    { columnConfigs: { label: { isLabel: true }, b: { default: 9 } }, configuredColumnsOnly: true },
    { columnConfigs: { a: { dtype: 'int32' }, label: { dtype: 'bool', isLabel: true } } },
    { hasHeader: false, columnNames: ['p', 'q', 'r'] },
    { columnNames: ['p', 'q', 'r'] },
  ];

  it.each(configs)('gives the same elements as tf.data.csv for %j', async (config) => {
    const ours = await csv(dataUrl(text), config).toArray();
    const theirs = await tf.data.csv(dataUrl(text), config as never).toArray();
    expect(json(ours)).toEqual(json(theirs));
  });

  it('reads the same from a file path, a Blob and a File', async () => {
    const path = file('t.csv', text);
    const expected = json(await csv(dataUrl(text)).toArray());
    expect(json(await csv(path).toArray())).toEqual(expected);
    expect(json(await csv(new Blob([text])).toArray())).toEqual(expected);
    expect(json(await csv(new File([text], 't.csv')).toArray())).toEqual(expected);
    expect(await csv(path).columnNames()).toEqual(['a', 'b', 'label']);
    expect(await csv(path, { columnNames: ['x', 'y', 'z'] }).columnNames()).toEqual(['x', 'y', 'z']);
  });

  it('a quoted field with newlines and delimiters survives chunk boundaries; a BOM and CRLF are handled', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},"note ${i}, with a comma\nand a newline",${i % 2}`);
    const content = `\uFEFFid,note,label\r\n${rows.join('\r\n')}\r\n`;
    const out = await csv(file('big.csv', content), { columnConfigs: { label: { isLabel: true } } }).toArray();
    expect(out.length).toBe(3000);
    expect(out[2999]).toEqual({ xs: { id: 2999, note: 'note 2999, with a comma\nand a newline' }, ys: { label: 1 } });
  });

  it('streams rows into batches: the tfjs tutorial pipeline runs unchanged', async () => {
    const ds = csv(file('p.csv', 'x1,x2,y\n1,2,3\n4,5,6\n7,8,9\n'), { columnConfigs: { y: { isLabel: true } } })
      .map((e) => {
        const { xs, ys } = e as { xs: Record<string, number>; ys: Record<string, number> };
        return { xs: Object.values(xs), ys: Object.values(ys) };
      })
      .batch(2);
    const batches = (await ds.toArray()).map(plain);
    expect(batches[0]).toEqual({ xs: { shape: [2, 2], dtype: 'float32', values: [1, 2, 4, 5] }, ys: { shape: [2, 1], dtype: 'float32', values: [3, 6] } });
    expect(batches[1]).toMatchObject({ xs: { shape: [1, 2] } });
  });

  it('a semicolon delimiter; empty lines are skipped', async () => {
    expect(await csv(new Blob(['a;b\n1;2\n\n3;4']), { delimiter: ';' }).toArray()).toEqual([{ a: 1, b: 2 }, { a: 3, b: 4 }]);
  });

  it('errors name the row, the column and the problem', async () => {
    const short = await csv(new Blob(['a,b\n1,2\n3\n'])).toArray().catch((e: unknown) => e);
    expect(short).toBeInstanceOf(DatasetError);
    expect(short).toMatchObject({ index: 1, message: 'csv: row 1 has 1 fields but there are 2 columns (a, b): 3' });
    await expect(csv(new Blob([text]), { columnConfigs: { b: { required: true } } }).toArray()).rejects.toThrow("csv: row 1: required column 'b' is empty: 3,,1");
    await expect(csv(join(dir, 'missing.csv')).toArray()).rejects.toThrow('csv: no such file: ');
    await expect(csv(new Blob(['a,a\n1,2\n'])).toArray()).rejects.toThrow("csv: the column name 'a' appears twice (columns: a, a)");
    await expect(csv(new Blob([text]), { columnConfigs: { price: { isLabel: true } } }).toArray()).rejects.toThrow(
      "csv: columnConfigs names 'price', which is not a column; columns are: a, b, label",
    );
    expect(() => csv(new Blob([text]), { hasHeader: false })).toThrow('csv: columnNames must be given when hasHeader is false');
    expect(() => csv(new Blob([text]), { delimeter: ';' } as never)).toThrow("csv: unknown option 'delimeter'");
    expect(() => csv(new Blob([text]), { columnConfigs: { a: { dtype: 'float64' as never } } })).toThrow("csv: columnConfigs['a'].dtype must be one of");
    await expect(csv(5 as never).toArray()).rejects.toThrow('csv: source must be a URL, a file path (Node), a File or a Blob, received number');
  });
});
