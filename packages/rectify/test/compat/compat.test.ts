import { describe, expect, it, beforeAll } from 'vitest';
import symbolList from '../../../../docs/tfjs-api-symbols.json' with { type: 'json' };
import { cases } from './cases/index.js';
import { type CompatCase, differences, rfAsTf, tf, toPlain } from './harness.js';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

describe('tfjs compatibility: the same program on TensorFlow.js and on Rectify gives the same values', () => {
  it('every case names a symbol of the generated tfjs list, once', () => {
    const known = new Set(symbolList.symbols.map((s) => s.name));
    expect(cases.filter((c) => !known.has(c.symbol)).map((c) => c.symbol)).toEqual([]);
    const seen = cases.map((c) => c.symbol);
    expect(seen.filter((s, i) => seen.indexOf(s) !== i)).toEqual([]);
  });

  it.each(cases.map((c) => [c.symbol, c] as const))('%s', async (_symbol, c: CompatCase) => {
    const theirs = toPlain(await c.run(tf));
    const ours = toPlain(await c.run(rfAsTf));
    const found = differences(ours, theirs, c.tol ?? 1e-5);
    if (c.differs) expect(found, `documented difference no longer seen: ${c.differs}`).not.toEqual([]);
    else expect(found).toEqual([]);
  });
});
