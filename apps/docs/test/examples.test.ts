import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as rf from '@rectify/rectify';
import { type ExampleContext, type RecordingContext, recordingContext } from '../src/example-api.js';
import type { LinePlot } from '@rectify/plot';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

async function runExample<R>(name: string): Promise<{ result: R; ctx: RecordingContext }> {
  const mod = (await import(`../examples/${name}.ts`)) as { run: (ctx: ExampleContext) => Promise<R> };
  const ctx = recordingContext('cpu');
  rf.setBackend('cpu');
  const result = await mod.run(ctx);
  return { result, ctx };
}

type Check = (result: unknown, ctx: RecordingContext) => void;
type ResultOf<M> = M extends { run: (ctx: ExampleContext) => Promise<infer R> } ? R : never;

/** A check typed with the example's own result type, so the tests follow the examples' code. */
function check<M>(fn: (result: ResultOf<M>, ctx: RecordingContext) => void): Check {
  return fn as Check;
}

// Each example with what its result must show. An example file without an entry here fails the suite below.
const checks: Record<string, Check> = {
  'tiny-gpt': check<typeof import('../examples/tiny-gpt.js')>((r, ctx) => {
    // it learns the passage: bits per character fall far below the first epoch's, and greedy decoding recites it
    expect(r.bits.at(-1)!).toBeLessThan(r.bits[0]! / 3);
    expect(r.greedy.startsWith('ishmael')).toBe(true);
    expect(ctx.lines[1]).toMatch(/^greedy: {6}call me ishmael/);
  }),
  'first-model': check<typeof import('../examples/first-model.js')>((r, ctx) => {
    expect(r.accuracy).toBe(1);
    expect(r.loss.at(-1)).toBeLessThan(r.loss[0]! / 4);
    expect(ctx.lines[0]).toMatch(/^final loss 0\.\d{4}, accuracy 1$/);
    expect((ctx.plots[0] as LinePlot).series[0]!.y).toHaveLength(150);
  }),
  'tensors-basics': check<typeof import('../examples/tensors-basics.js')>((r, ctx) => {
    expect(ctx.lines[0]).toBe('backend: cpu');
    expect(r.sum).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(r.product).toEqual([
      [14, 32],
      [32, 77],
    ]); // 1+4+9, 4+10+18, 16+25+36
    expect(r.rowMeans).toEqual([2, 5]);
  }),
  'autograd-basics': check<typeof import('../examples/autograd-basics.js')>((r) => {
    const xs = [0.5, 1, 2];
    const ref = xs.map((x) => 2 * x * Math.sin(x) + x * x * Math.cos(x));
    r.grad.forEach((g: number, i: number) => expect(g).toBeCloseTo(ref[i]!, 5));
    expect(r.value).toBeCloseTo(
      xs.reduce((s, x) => s + x * x * Math.sin(x), 0),
      5,
    );
    expect(r.check.ok).toBe(true);
    expect(r.check.maxError).toBeLessThan(1e-2);
  }),
  'activation-curves': check<typeof import('../examples/activation-curves.js')>((r, ctx) => {
    expect(r.gelu1).toBeCloseTo(0.8413447460685429, 6); // 1 · Φ(1)
    expect(r.swishDf0).toBeCloseTo(0.5, 12); // σ(0) + 0 · σ'(0)
    const series = (ctx.plots[0] as LinePlot).series;
    expect(series.map((s) => s.name)).toEqual(['relu', 'relu′', 'gelu', 'gelu′', 'swish', 'swish′']);
    expect(series[0]!.y.at(-1)).toBeCloseTo(6, 9); // relu(6)
    expect(ctx.lines[0]).toContain('relu');
  }),
  'dead-units': check<typeof import('../examples/dead-units.js')>((r) => {
    expect(r.dead).toEqual([true, true, true, false, false, false, false, false]);
    expect(r.deadUnits).toBe(3);
    // leakyRelu's derivative is 0.1 on the dead units and mostly 0.1 or 1 elsewhere: never 0.
    expect(r.leakyMeanDerivative).toBeGreaterThan(0.1);
  }),
  'init-variance': check<typeof import('../examples/init-variance.js')>((r) => {
    expect(r.he.at(-1)).toBeGreaterThan(0.3);
    expect(r.he.at(-1)).toBeLessThan(3);
    // Glorot's variance 2/(128+128) = 1/128 is half of He's 2/128: the std shrinks about √2 per layer.
    expect(r.glorot.at(-1)).toBeLessThan(r.he.at(-1)! / 100);
    expect(r.selu.at(-1)).toBeGreaterThan(0.7);
    expect(r.selu.at(-1)).toBeLessThan(1.3);
  }),
  'layers-model': check<typeof import('../examples/layers-model.js')>((r, ctx) => {
    // conv 3·3·1·4 + 4 = 40; dense 64·16 + 16 = 1040; dense 16·3 + 3 = 51.
    expect(r.params).toBe(40 + 1040 + 51);
    expect(r.outputShape).toEqual([2, 3]);
    r.rowSums.forEach((s: number) => expect(s).toBeCloseTo(1, 5));
    expect(ctx.lines[0]).toMatch(/Total params: 1,?131\b/);
  }),
  'sequence-forecast': check<typeof import('../examples/sequence-forecast.js')>((r, ctx) => {
    expect(r.loss).toHaveLength(8);
    expect(r.loss.at(-1)).toBeLessThan(r.loss[0]! / 5);
    // Persistence is off by the signal's change per step; the model must beat it by a wide margin.
    expect(r.persistenceMse).toBeGreaterThan(0.1);
    expect(r.modelMse).toBeLessThan(r.persistenceMse / 4);
    expect(ctx.lines[0]).toMatch(/^test MSE: GRU 0\.\d{4}, persistence 0\.1\d{3}$/);
    expect(ctx.plots[0]!.title).toBe('Next-value forecasts on the test windows');
  }),
  'stream-csv': check<typeof import('../examples/stream-csv.js')>((r, ctx) => {
    expect(r.count).toBe(600);
    expect(r.classes).toEqual(['inner', 'outer']);
    expect(r.accuracy).toBeGreaterThan(0.95);
    expect(r.loss.at(-1)).toBeLessThan(r.loss[0]! / 3);
    expect(ctx.lines[0]).toBe('rings.csv: 600 rows, 2 features, classes inner, outer');
  }),
  'training-callbacks': check<typeof import('../examples/training-callbacks.js')>((r) => {
    expect(r.epochs).toBeGreaterThan(5);
    expect(r.loss.at(-1)).toBeLessThan(r.loss[0]!);
    expect(r.accuracy).toBeGreaterThan(0.8);
    expect(r.monitored).toEqual(['hidden1', 'hidden2', 'out']);
  }),
  'vanishing-gradients': check<typeof import('../examples/vanishing-gradients.js')>((r) => {
    expect(r.sigmoid).toHaveLength(8);
    // Sigmoid: the first layer gets far less gradient than the last; ReLU + He keeps them within a small factor.
    expect(r.sigmoid[0]! / r.sigmoid[7]!).toBeLessThan(0.05);
    expect(r.relu[0]! / r.relu[7]!).toBeGreaterThan(0.2);
  }),
  'gpu-backend': check<typeof import('../examples/gpu-backend.js')>((r) => {
    expect(r.backend).toBe('cpu');
    expect(r.maxDiff).toBe(0);
    expect(r.size).toBe(64 * 32);
  }),
};

describe('docs examples (Node, cpu backend)', () => {
  afterEach(() => rf.setBackend('cpu'));

  it('every example file has checks, and every check an example file', () => {
    expect(files).toEqual(Object.keys(checks).sort());
  });

  for (const name of files) {
    it(`${name} runs and shows what it claims`, async () => {
      const { result, ctx } = await runExample(name);
      checks[name]?.(result, ctx);
    });
  }

  it('stream-csv streams the file the reader chose (here a File made from a string)', async () => {
    const mod = await import('../examples/stream-csv.js');
    const rows = Array.from({ length: 300 }, (_, i) => {
      const [a, b] = [Math.sin(i * 1.7), Math.cos(i * 2.3)];
      return `${a.toFixed(3)},${b.toFixed(3)},${(a * b).toFixed(3)},${a > 0 ? (b > 0 ? 'north' : 'south') : 'west'}`;
    });
    const mine = new File([`a,b,ab,quadrant\n${rows.join('\n')}\n`], 'mine.csv');
    const ctx = recordingContext('cpu', { file: () => mine });
    const r = await mod.run(ctx);
    expect(ctx.lines[0]).toBe('mine.csv: 300 rows, 3 features, classes north, south, west');
    expect(r.count).toBe(300);
    expect(r.accuracy).toBeGreaterThan(0.85);
  });
});
