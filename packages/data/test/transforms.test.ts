import { describe, expect, it } from 'vitest';
import { add, memory, mul, scalar, tensor } from '@rectify/tensor';
import { array, DatasetError, generator } from '@rectify/data';
import { leaked } from './helpers.js';

const range = (n: number) => array([...Array(n).keys()]);

describe('map', () => {
  it('applies sync and async functions, in order', async () => {
    expect(await range(4).map((x) => x * 2).toArray()).toEqual([0, 2, 4, 6]);
    expect(await range(3).map(async (x) => x + 1).toArray()).toEqual([1, 2, 3]);
    expect(await range(3).mapAsync(async (x) => `#${x}`).toArray()).toEqual(['#0', '#1', '#2']);
    expect(await range(2).map((x) => Promise.resolve(x * 3)).toArray()).toEqual([0, 3]);
  });

  it('runs a sync function inside tidy and frees input tensors the output drops', async () => {
    const n = await leaked(async () => {
      const out = await array([1, 2, 3])
        .map((x) => ({ t: scalar(x) }))
        .map(({ t }) => mul(add(t, 1), 2)) // the intermediate add and the input scalar go
        .toArray();
      expect(out.map((t) => t.item())).toEqual([4, 6, 8]);
      out.forEach((t) => t.dispose());
    });
    expect(n).toBe(0);
  });

  it('parallel: n calls in flight at most, results in input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await range(12)
      .map(
        async (x) => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, (12 - x) % 4)); // later elements often finish first
          running--;
          return x * x;
        },
        { parallel: 4 },
      )
      .toArray();
    expect(out).toEqual([...Array(12).keys()].map((x) => x * x));
    expect(peak).toBe(4);
  });

  it('parallel I/O-bound calls take about 1/n of the time', async () => {
    const wait = () => new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    await range(8).map(async (x) => (await wait(), x), { parallel: 8 }).toArray();
    const parallel = performance.now() - t0;
    expect(parallel).toBeLessThan(8 * 20 * 0.6);
  });

  it('an error thrown by the function names the element (sync, async, parallel)', async () => {
    const boom = (x: number) => {
      if (x === 3) throw new Error('bad row');
      return x;
    };
    for (const ds of [range(6).map(boom), range(6).map(async (x) => boom(x)), range(6).map(async (x) => boom(x), { parallel: 3 })]) {
      const error = await ds.toArray().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatasetError);
      expect(error).toMatchObject({ op: 'map', index: 3, message: 'map: the function threw on element 3: bad row' });
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });

  it('rejects a bad parallel count and a non-function', async () => {
    await expect(range(2).map((x) => x, { parallel: 0 }).toArray()).rejects.toThrow('map: parallel must be an integer >= 1, received 0');
    await expect(range(2).map(5 as never).toArray()).rejects.toThrow('map: expected a function, received number');
  });
});

describe('filter, take, skip, repeat', () => {
  it('filter keeps matching elements and frees the others', async () => {
    expect(await range(6).filter((x) => x % 2 === 0).toArray()).toEqual([0, 2, 4]);
    const n = await leaked(async () => {
      const kept = await array([1, 2, 3]).map((x) => scalar(x)).filter((t) => t.item() > 2).toArray();
      kept.forEach((t) => t.dispose());
    });
    expect(n).toBe(0);
  });

  it('repeat/take interplay matches tf.data', async () => {
    expect(await array([1, 2, 3]).repeat().take(7).toArray()).toEqual([1, 2, 3, 1, 2, 3, 1]);
    expect(await array([1, 2, 3]).take(2).repeat(2).toArray()).toEqual([1, 2, 1, 2]);
    expect(await array([1, 2, 3]).skip(1).repeat(2).toArray()).toEqual([2, 3, 2, 3]);
    expect(await array([1, 2, 3]).repeat(2).skip(2).take(3).toArray()).toEqual([3, 1, 2]);
    expect(await array([1, 2, 3]).skip(5).toArray()).toEqual([]);
    expect(await array([]).repeat().take(3).toArray()).toEqual([]); // an empty dataset repeated is empty, not a hang
    expect(await array([1, 2]).take(-1).toArray()).toEqual([1, 2]);
  });

  it('sizes follow tf.data', () => {
    const ds = array([1, 2, 3]);
    expect([ds.batch(2).size, ds.repeat().size, ds.take(2).size, ds.skip(1).size, ds.filter(() => true).size, ds.repeat(2).size, ds.batch(2, false).size]).toEqual([
      2, Infinity, 2, 2, null, 6, 1,
    ]);
  });

  it('toArray refuses an endless dataset instead of hanging', async () => {
    await expect(array([1]).repeat().toArray()).rejects.toThrow('toArray: the dataset is endless (size Infinity); take(n) first');
  });

  it('rejects bad counts', () => {
    expect(() => array([1]).skip(-1)).toThrow('skip: count must be an integer >= 0, received -1');
    expect(() => array([1]).take(1.5)).toThrow('take: count must be an integer >= 0, received 1.5');
  });
});

describe('prefetch', () => {
  it('reads ahead by at most the buffer size and yields everything in order', async () => {
    let produced = 0;
    const ds = generator(function* () {
      for (let i = 0; i < 10; i++) {
        produced++;
        yield i;
      }
    }).prefetch(3);
    const it = await ds.iterator();
    expect((await it.next()).value).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    expect(produced).toBeLessThanOrEqual(4); // the one handed out + 3 ahead
    expect(produced).toBeGreaterThanOrEqual(3);
    const rest: number[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value);
    expect(rest).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees prefetched batches when stopped early', async () => {
    const n = await leaked(async () => {
      const [first] = await range(20).map((x) => tensor([x, x])).batch(2).prefetch(4).take(1).toArray();
      first!.dispose();
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(n).toBe(0);
  });

  it('passes errors through at the element that failed', async () => {
    const ds = range(5).map((x) => {
      if (x === 4) throw new Error('late');
      return x;
    }).prefetch(2);
    const seen: number[] = [];
    await expect(ds.forEachAsync((x) => void seen.push(x))).rejects.toThrow('map: the function threw on element 4: late');
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});

describe('forEachAsync and for await', () => {
  it('visits every element and frees its tensors afterwards', async () => {
    const before = memory().numTensors;
    const sums: number[] = [];
    await range(4).map((x) => tensor([x, 1])).forEachAsync(async (t) => void sums.push(Array.from(t.dataSync()).reduce((a, b) => a + b, 0)));
    expect(sums).toEqual([1, 2, 3, 4]);
    expect(memory().numTensors).toBe(before);
    const seen: number[] = [];
    for await (const x of range(3)) seen.push(x);
    expect(seen).toEqual([0, 1, 2]);
  });
});
