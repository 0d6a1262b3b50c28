import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { delimiter, fraction, nonNegativeInt, positiveInt, positiveNumber } from '../src/commands/parsers.js';
import { parseConfigText } from '../src/config/load.js';
import { UsageError } from '../src/errors.js';
import { fsErrorMessage } from '../src/fs-errors.js';
import { billionLaughs } from './helpers.js';

function rejects(parse: (v: string) => unknown, value: string, message: string): void {
  expect(() => parse(value)).toThrow(InvalidArgumentError);
  expect(() => parse(value)).toThrow(message);
}

describe('option values are parsed strictly', () => {
  it('decimal numbers only: 0x10, 1e, Infinity, blanks are refused', () => {
    expect([positiveNumber('0.01'), positiveNumber('1e-3'), positiveNumber('3')]).toEqual([0.01, 0.001, 3]);
    for (const bad of ['0x10', '1e', 'Infinity', '', ' ', '0', '-1', '0b11', '1_0'])
      rejects(positiveNumber, bad, 'expected a positive decimal number such as 0.01 or 1e-3');
    expect([fraction('0'), fraction('0.25')]).toEqual([0, 0.25]);
    for (const bad of ['0x0', '1', '.', '1e', 'NaN']) rejects(fraction, bad, 'expected a decimal number in [0, 1)');
  });

  it('integers: no fractions, exponents, zero where a count is meant, or unsafe sizes', () => {
    expect([positiveInt('3'), nonNegativeInt('0')]).toEqual([3, 0]);
    for (const bad of ['2.5', '0', '1e3', '0x10', '-1', '99999999999999999999'])
      rejects(positiveInt, bad, 'expected a positive integer');
    for (const bad of ['1e3', '-0', '1.0']) rejects(nonNegativeInt, bad, 'expected a non-negative integer');
  });

  it('a CSV delimiter is one character, or tab', () => {
    expect([delimiter(';'), delimiter('tab'), delimiter('\\t'), delimiter('\t'), delimiter('|')]).toEqual([
      ';',
      '\t',
      '\t',
      '\t',
      '|',
    ]);
    for (const bad of [';;', '', ' ', '"', '\n'])
      rejects(delimiter, bad, "expected one character such as ';' or ',', or 'tab'");
  });
});

describe('YAML configs', () => {
  it('a "billion laughs" file is a usage error, not an out-of-memory crash or an "unexpected error"', () => {
    expect(() => parseConfigText(billionLaughs(), 'laughs.yaml')).toThrow(UsageError);
    expect(() => parseConfigText(billionLaughs(), 'laughs.yaml')).toThrow(
      'laughs.yaml: not a usable config: its YAML aliases (*name) expand too much',
    );
  });

  it('a few aliases, as a config may use to repeat a layer, still work', () => {
    const text = 'layers:\n  - &hidden { type: dense, units: 4 }\n  - *hidden\n  - *hidden\n';
    expect(parseConfigText(text, 'ok.yaml')).toEqual({
      layers: [
        { type: 'dense', units: 4 },
        { type: 'dense', units: 4 },
        { type: 'dense', units: 4 },
      ],
    });
  });
});

describe('file-system errors', () => {
  it('become one line naming the action, the path, what the code means and what to do', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: raw, mkdir 'x'`), { code, syscall: 'mkdir' });
    expect(fsErrorMessage(error('EACCES'), 'create the run directory', '/ro/run', 'choose another --out')).toBe(
      'cannot create the run directory /ro/run: permission denied; choose another --out',
    );
    expect(fsErrorMessage(error('EROFS'), 'create the run directory', '/ro/run', 'choose another --out')).toBe(
      'cannot create the run directory /ro/run: the file system is read-only; choose another --out',
    );
    expect(fsErrorMessage(error('ENOSPC'), 'write', 'runs/x/config.json')).toBe(
      'cannot write runs/x/config.json: no space left on the device',
    );
    expect(fsErrorMessage(error('EWEIRD'), 'write', 'f')).toBe('cannot write f: EWEIRD');
  });
});
