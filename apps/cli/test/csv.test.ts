import { describe, expect, it } from 'vitest';
import { csvNumber, detectDelimiter, parseCsv, selectColumns } from '../src/datasets/csv-parse.js';
import { parseDecimal } from '../src/numbers.js';

describe('CSV parsing (csv-parse)', () => {
  it('accepts a quoted field holding a newline; the row reports the line it ends on', () => {
    const t = parseCsv('id,"note\nlong",x\n1,"two\nlines",3\n4,five,6\n', 'n.csv');
    expect(t.header).toEqual(['id', 'note\nlong', 'x']);
    expect(t.rows).toEqual([
      { line: 4, fields: ['1', 'two\nlines', '3'] },
      { line: 5, fields: ['4', 'five', '6'] },
    ]);
    expect(parseCsv('a,b\r\n1,2\r\n\r\n3,4\r\n', 'crlf.csv').rows).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it("detects ';' (and tab) separators from the first line; an explicit delimiter wins", () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('\n\na,b\n')).toBe(',');
    expect(detectDelimiter('only\n1\n')).toBe(',');
    expect(parseCsv('a;b\n1;2\n', 's.csv').rows[0]!.fields).toEqual(['1', '2']);
    expect(parseCsv('"a;x",b\n1,2\n', 'c.csv', { delimiter: ',' }).header).toEqual(['a;x', 'b']);
  });

  it('refuses duplicate and empty header names, naming them and their columns', () => {
    expect(() => parseCsv('a,b,a\n1,2,3\n', 'd.csv')).toThrow(
      "d.csv: the header names column 'a' twice (columns 1 and 3); column names must be distinct",
    );
    expect(() => parseCsv('a,,c\n1,2,3\n', 'e.csv')).toThrow('e.csv: column 2 of the header has no name');
  });

  it('a first row of numbers is data, not a header: refused unless header: false', () => {
    expect(() => parseCsv('5.1,3.5\n6.7,3.0\n', 'h.csv')).toThrow(
      'h.csv: the first row (5.1, 3.5) is all numbers, so it looks like data, not a header of column names; if the file has no header row, pass --no-header',
    );
    const t = parseCsv('5.1,3.5\n6.7,3.0\n', 'h.csv', { header: false });
    expect(t.header).toEqual(['column 1', 'column 2']);
    expect(t.rows.map((r) => r.fields)).toEqual([
      ['5.1', '3.5'],
      ['6.7', '3.0'],
    ]);
    expect(() => parseCsv('1,2\n3\n', 'h.csv', { header: false })).toThrow(
      'h.csv:2: expected 2 fields as in the first row, found 1',
    );
  });

  it('syntax errors name the file and line', () => {
    expect(() => parseCsv('a,b\n1,"2\n', 'q.csv')).toThrow('q.csv:2: unterminated quoted field');
    expect(() => parseCsv('a,b\n1,"2"x\n', 'q.csv')).toThrow(/^q\.csv:2: got "x" instead of delimiter/);
  });

  it('selects the training columns by name in any order; missing ones are named, extra ones returned', () => {
    const t = parseCsv('c,b,a,target\n3,2,1,x\n', 't.csv');
    expect(selectColumns(t, ['a', 'b', 'c'], 3, ['target'])).toEqual({ columns: [2, 1, 0], extra: [] });
    expect(selectColumns(t, ['a', 'b'], 2)).toEqual({ columns: [2, 1], extra: ['c', 'target'] });
    expect(() => selectColumns(t, ['a', 'd', 'e'], 3)).toThrow(
      "t.csv: missing columns 'd', 'e'; the model was trained on the columns a, d, e, and the file also has 'c', 'b', 'target'",
    );
    // Without names to match (or without a header), by position, and the count must match.
    expect(selectColumns(t, undefined, 4)).toEqual({ columns: [0, 1, 2, 3], extra: [] });
    expect(() => selectColumns(t, undefined, 3)).toThrow('t.csv: the model takes 3 columns; the file has 4');
    const bare = parseCsv('1,2\n', 'b.csv', { header: false });
    expect(selectColumns(bare, ['x', 'y'], 2)).toEqual({ columns: [0, 1], extra: [] });
    expect(() => selectColumns(bare, ['x', 'y', 'z'], 3)).toThrow(
      'b.csv: the model takes 3 columns (x, y, z); the file has 2',
    );
  });

  it('numbers are plain decimals: hex, binary, a bare exponent, blanks and Infinity are refused', () => {
    expect([
      parseDecimal('2.5'),
      parseDecimal('-1e-3'),
      parseDecimal('.5'),
      parseDecimal('+3.'),
      parseDecimal(' 7 '),
    ]).toEqual([2.5, -0.001, 0.5, 3, 7]);
    for (const bad of ['0x10', '0b1', '0o7', '1e', 'e5', '', ' ', 'Infinity', 'NaN', '1e999', '1_000', '1,5'])
      expect(parseDecimal(bad)).toBeUndefined();
    expect(() => csvNumber('0x10', 'x.csv', 4, 2, 'width')).toThrow(
      "x.csv:4: column 2 ('width'): expected a number, found '0x10'",
    );
    expect(() => csvNumber('1', 'x.csv', 4, 2, 'line\nbreak')).not.toThrow();
    expect(() => csvNumber('', 'x.csv', 4, 2, 'line\nbreak')).toThrow(
      "x.csv:4: column 2 ('line\\nbreak'): expected a number, found ''",
    );
  });
});
