import { describe, expect, it } from 'vitest';
import { ValueError } from '@rectify/tensor';
import { array, DatasetError, generator, zip } from '@rectify/data';

describe('array', () => {
  it('yields the items in order, has their count as size, and restarts on every pass', async () => {
    const ds = array([1, 2, 3]);
    expect(ds.size).toBe(3);
    expect(await ds.toArray()).toEqual([1, 2, 3]);
    expect(await ds.toArray()).toEqual([1, 2, 3]);
  });

  it('an exhausted iterator keeps answering done, as tf.data', async () => {
    const it = await array(['a']).iterator();
    expect(await it.next()).toEqual({ value: 'a', done: false });
    expect((await it.next()).done).toBe(true);
    expect((await it.next()).done).toBe(true);
  });

  it('rejects a non-array', () => {
    expect(() => array(5 as never)).toThrow('array: items must be an array, received number');
  });
});

describe('generator', () => {
  it('calls the factory again for every pass (sync generator)', async () => {
    let calls = 0;
    const ds = generator(function* () {
      calls++;
      for (let i = 0; i < 3; i++) yield i * 10;
    });
    expect(ds.size).toBeNull();
    expect(await ds.toArray()).toEqual([0, 10, 20]);
    expect(await ds.toArray()).toEqual([0, 10, 20]);
    expect(calls).toBe(2);
  });

  it('takes async generators and plain iterators', async () => {
    const ds = generator(async function* () {
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 1));
        yield { x: i };
      }
    });
    expect(await ds.toArray()).toEqual([{ x: 0 }, { x: 1 }, { x: 2 }]);
    let n = 0;
    const counter = generator(() => ({ next: () => (n < 2 ? { value: n++, done: false } : { value: undefined, done: true }) }));
    expect(await counter.toArray()).toEqual([0, 1]);
  });

  it('closes an endless generator when take() has enough', async () => {
    let closed = false;
    const ds = generator(function* () {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    });
    expect(await ds.take(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(closed).toBe(true);
  });

  it('reports what the generator threw as a DatasetError naming the element', async () => {
    const ds = generator(function* () {
      yield 1;
      yield 2;
      throw new Error('disk gone');
    });
    const error = await ds.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).index).toBe(2);
    expect((error as Error).message).toBe('generator: the function threw on element 2: disk gone');
  });

  it('rejects a factory that returns no iterator, and a non-function', async () => {
    await expect(generator(() => 5 as never).toArray()).rejects.toThrow(ValueError);
    expect(() => generator([1, 2] as never)).toThrow('generator: expected a function that returns an iterator');
  });
});

describe('zip and concatenate', () => {
  it('zips objects and arrays of datasets, ending with the shortest (as tf.data.zip)', async () => {
    expect(await zip({ a: array([1, 2, 3]), b: array([4, 5]) }).toArray()).toEqual([{ a: 1, b: 4 }, { a: 2, b: 5 }]);
    expect(await zip([array([1, 2, 3]), array([4, 5, 6])]).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(await zip({ xs: [array([1]), array([2])], ys: array([3]) }).toArray()).toEqual([{ xs: [1, 2], ys: 3 }]);
    expect(zip({ a: array([1, 2, 3]), b: array([4, 5]) }).size).toBe(2);
  });

  it('rejects what is not a dataset', () => {
    expect(() => zip({ a: [1, 2] as never })).toThrow('zip: expected datasets in an array or object, received number');
    expect(() => zip([])).toThrow('zip: no datasets given');
  });

  it('concatenates, with the sizes added', async () => {
    const ds = array([1, 2]).concatenate(array([3]));
    expect(await ds.toArray()).toEqual([1, 2, 3]);
    expect(ds.size).toBe(3);
  });
});
