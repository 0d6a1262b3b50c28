import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import * as tensor from '@rectify/tensor';
import { formatArg, recordingContext } from '../src/example-api.js';
import { evaluateExample } from '../src/client/transpile.js';

const modules = {
  '@rectify/rectify': rf as unknown as Record<string, unknown>,
  '@rectify/tensor': tensor as unknown as Record<string, unknown>,
};

describe('recordingContext', () => {
  it('records lines and checked plots, and forwards them to sinks', () => {
    const seen: string[] = [];
    const ctx = recordingContext('gpu', { line: (s) => seen.push(s) });
    ctx.print('loss', 0.25, { a: [1] }, rf.tensor([1, 2]));
    expect(ctx.backend).toBe('gpu');
    expect(ctx.lines[0]).toBe('loss 0.25 {"a":[1]} [1., 2.]');
    expect(seen).toEqual(ctx.lines);
    ctx.plot({ series: [{ name: 'a', x: Float64Array.of(1), y: [2] }] } as never);
    expect(ctx.plots).toEqual([{ series: [{ name: 'a', x: [1], y: [2] }] }]);
    expect(() => ctx.plot({ series: [] })).toThrow('plot: series must be a non-empty array');
  });

  it('formats errors, typed arrays and cycles', () => {
    expect(formatArg(new RangeError('bad'))).toBe('RangeError: bad');
    expect(formatArg({ v: Float32Array.of(1, 2) })).toBe('{"v":[1,2]}');
    const cyc: Record<string, unknown> = {};
    cyc['self'] = cyc;
    expect(formatArg(cyc)).toBe('[object Object]');
  });
});

describe('evaluateExample (edited code in the page)', () => {
  it('runs an unmodified example file through the transpiler with the same result', async () => {
    const source = readFileSync(new URL('../examples/tensors-basics.ts', import.meta.url), 'utf8');
    const mod = await evaluateExample(source, modules);
    const ctx = recordingContext();
    const r = (await mod.run(ctx)) as { rowMeans: number[] };
    expect(r.rowMeans).toEqual([2, 5]);
  });

  it('reports syntax errors, unavailable imports and a missing run export', async () => {
    await expect(evaluateExample('export async function run(ctx) { ctx.print(1 +; }', modules)).rejects.toThrow(
      /Error transforming example\.ts: Unexpected token/,
    );
    await expect(
      evaluateExample("import fs from 'node:fs';\nexport async function run() { return fs; }", modules),
    ).rejects.toThrow(
      "import 'node:fs' is not available in the page; examples can import '@rectify/rectify', '@rectify/tensor'",
    );
    await expect(evaluateExample('export const x = 1;', modules)).rejects.toThrow(
      'the example must export a function run(ctx)',
    );
  });
});
