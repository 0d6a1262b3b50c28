import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setSeed } from '@rectify/tensor';
import { array } from '@rectify/data';

const range = (n: number) => [...Array(n).keys()];

/** Mean output position of each element over `runs` shuffles. */
async function meanPositions(n: number, shuffled: (seed: number) => Promise<number[]>, runs: number): Promise<number[]> {
  const sum = new Array<number>(n).fill(0);
  for (let s = 0; s < runs; s++) (await shuffled(s)).forEach((x, pos) => (sum[x]! += pos / runs));
  return sum;
}

describe('shuffle', () => {
  it('is a permutation, reproducible with a seed, different on each pass unless told otherwise', async () => {
    const ds = array(range(50)).shuffle(50, 7);
    const first = await ds.toArray();
    const second = await ds.toArray();
    expect([...first].sort((a, b) => a - b)).toEqual(range(50));
    expect(first).not.toEqual(range(50));
    expect(second).not.toEqual(first);
    const again = array(range(50)).shuffle(50, 7);
    expect(await again.toArray()).toEqual(first); // the sequence of orders repeats for the same seed
    expect(await again.toArray()).toEqual(second);
    const fixed = array(range(50)).shuffle(50, 7, false);
    expect(await fixed.toArray()).toEqual(await fixed.toArray());
    expect(await array(range(50)).shuffle(50, 'seven').toArray()).toEqual(await array(range(50)).shuffle(50, 'seven').toArray());
    expect(await array(range(50)).shuffle(50, 8).toArray()).not.toEqual(first);
  });

  it('without a seed follows the global stream (setSeed makes it reproducible)', async () => {
    setSeed(3);
    const a = await array(range(20)).shuffle(20).toArray();
    setSeed(3);
    expect(await array(range(20)).shuffle(20).toArray()).toEqual(a);
  });

  it('a buffer of b elements: element i comes out at position i - b + 1 at the earliest; bufferSize 1 keeps the order', async () => {
    const b = 4;
    for (let seed = 0; seed < 20; seed++) {
      const out = await array(range(30)).shuffle(b, seed).toArray();
      out.forEach((x, pos) => expect(x).toBeLessThanOrEqual(pos + b - 1));
    }
    expect(await array(range(10)).shuffle(1, 3).toArray()).toEqual(range(10));
  });

  it('a buffer as large as the data shuffles uniformly: every element averages the middle position', async () => {
    const n = 10;
    const means = await meanPositions(n, (s) => array(range(n)).shuffle(n, s).toArray(), 600);
    for (const m of means) expect(Math.abs(m - (n - 1) / 2)).toBeLessThan(0.6); // sd of a mean over 600 runs ≈ 0.12
  });

  it('has the same position statistics as tf.data for a small buffer (same reservoir scheme)', async () => {
    const n = 8;
    const b = 3;
    const runs = 400;
    const ours = await meanPositions(n, (s) => array(range(n)).shuffle(b, s).toArray(), runs);
    const theirs = await meanPositions(n, (s) => tf.data.array(range(n)).shuffle(b, String(s)).toArray() as Promise<number[]>, runs);
    // Early elements leave early: both put element 0 near the front and the last one near the back.
    expect(ours[0]!).toBeLessThan(2.5);
    ours.forEach((m, i) => expect(Math.abs(m - theirs[i]!)).toBeLessThan(0.45));
  });

  it('rejects a bad buffer size or seed', () => {
    expect(() => array([1]).shuffle(0)).toThrow('shuffle: bufferSize must be an integer >= 1, received 0');
    expect(() => array([1]).shuffle(2, 1.5)).toThrow('shuffle: seed must be an integer or a string, received 1.5');
  });
});
