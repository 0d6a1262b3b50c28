import { describe, expect, it } from 'vitest';
import { tensor } from '@rectify/tensor';
import { array, DatasetError } from '@rectify/data';
import { leaked, plain } from './helpers.js';

const f32 = (shape: number[], values: number[]) => ({ shape, dtype: 'float32', values });

describe('batch', () => {
  it('numbers: [2], [2], then the short last batch [1] (smallLastBatch defaults to true)', async () => {
    const ds = array([1, 2, 3, 4, 5]).batch(2);
    expect(ds.size).toBe(3);
    expect((await ds.toArray()).map(plain)).toEqual([f32([2], [1, 2]), f32([2], [3, 4]), f32([1], [5])]);
  });

  it('smallLastBatch false drops the short batch', async () => {
    const ds = array([1, 2, 3, 4, 5]).batch(2, false);
    expect(ds.size).toBe(2);
    expect((await ds.toArray()).map(plain)).toEqual([f32([2], [1, 2]), f32([2], [3, 4])]);
  });

  it('nested arrays of numbers become one tensor per batch; objects are batched per key (as tf.data)', async () => {
    expect((await array([[1, 2], [3, 4], [5, 6]]).batch(2).toArray()).map(plain)).toEqual([f32([2, 2], [1, 2, 3, 4]), f32([1, 2], [5, 6])]);
    const nested = await array([{ xs: [1, 2], ys: 0 }, { xs: [3, 4], ys: 1 }]).batch(2).toArray();
    expect(nested.map(plain)).toEqual([{ xs: f32([2, 2], [1, 2, 3, 4]), ys: f32([2], [0, 1]) }]);
    const deep = await array([{ a: { b: [[1, 2], [3, 4]] } }, { a: { b: [[5, 6], [7, 8]] } }]).batch(2).toArray();
    expect(deep.map(plain)).toEqual([{ a: { b: f32([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]) } }]);
  });

  it('typed arrays (what a worker map returns) become [b, length]; Int32Array stays int32; lengths must agree', async () => {
    const ds = array([{ x: Float32Array.of(1, 2), y: Int32Array.of(3) }, { x: Float32Array.of(4, 5), y: Int32Array.of(6) }]);
    expect((await ds.batch(2).toArray()).map(plain)).toEqual([{ x: f32([2, 2], [1, 2, 4, 5]), y: { shape: [2, 1], dtype: 'int32', values: [3, 6] } }]);
    await expect(array([Float32Array.of(1, 2), Float32Array.of(3)]).batch(2).toArray()).rejects.toThrow(
      'batch: the element is a typed array of 2 entries in row 0 but Float32Array of 1 entries in row 1 (the batch of elements 0–1)',
    );
  });

  it('stacks tensors and frees the rows; arrays holding tensors are batched entry by entry', async () => {
    const rows = [tensor([1, 2]), tensor([3, 4])];
    const [b] = await array(rows).batch(2).toArray();
    expect(plain(b)).toEqual(f32([2, 2], [1, 2, 3, 4]));
    expect(rows.every((r) => r.isDisposed)).toBe(true);
    const pairs = await array([[tensor([1]), 5], [tensor([2]), 6]]).batch(2).toArray();
    expect(plain(pairs[0])).toEqual([f32([2, 1], [1, 2]), f32([2], [5, 6])]);
  });

  it('booleans become a bool tensor', async () => {
    const [b] = await array([true, false]).batch(2).toArray();
    expect(plain(b)).toEqual({ shape: [2], dtype: 'bool', values: [1, 0] });
  });

  it('names the problem and the elements when rows differ or hold strings', async () => {
    const missing = await array([{ a: 1, b: 2 }, { a: 3 }]).batch(2).toArray().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DatasetError);
    expect((missing as Error).message).toBe(
      "batch: row 1 has no value for 'b' (an empty CSV field?); every row must have the same structure (the batch of elements 0–1)",
    );
    await expect(array(['a', 'b']).batch(2).toArray()).rejects.toThrow("batch: cannot batch the element: it is the string \"a\"; map it to numbers or tensors first");
    await expect(array([1, 2, 3, [4]]).batch(2).toArray()).rejects.toThrow('(the batch of elements 2–3)');
  });

  it('rejects a bad batch size', () => {
    expect(() => array([1]).batch(0)).toThrow('batch: batchSize must be an integer >= 1, received 0');
    expect(() => array([1]).batch(1.5)).toThrow('batch: batchSize must be an integer >= 1, received 1.5');
  });

  it('leaves no tensors behind when batches are consumed and freed', async () => {
    const n = await leaked(async () => {
      await array([...Array(10).keys()].map((i) => ({ x: [i, i], y: i }))).batch(3).forEachAsync(() => {});
    });
    expect(n).toBe(0);
  });
});

describe('unbatch', () => {
  it('is the inverse of batch', async () => {
    const items = [{ xs: [1, 2], ys: 0 }, { xs: [3, 4], ys: 1 }, { xs: [5, 6], ys: 0 }];
    const back = await array(items).batch(2).unbatch().toArray();
    expect(back.map(plain)).toEqual(items.map((e) => ({ xs: f32([2], e.xs), ys: { shape: [], dtype: 'float32', values: [e.ys] } })));
  });

  it('frees the rows it did not hand out when stopped early', async () => {
    const n = await leaked(async () => {
      const first = await array([[1, 2], [3, 4], [5, 6]]).batch(3).unbatch().take(1).toArray();
      first.forEach((t) => (t as { dispose(): void }).dispose());
    });
    expect(n).toBe(0);
  });

  it('refuses elements without a batch axis', async () => {
    await expect(array([1, 2]).unbatch().toArray()).rejects.toThrow('unbatch: an element has no batch axis');
  });
});
