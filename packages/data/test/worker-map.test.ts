import { afterEach, describe, expect, it } from 'vitest';
import { scalar } from '@rectify/tensor';
import { array, DatasetError, generator, moduleFunction } from '@rectify/data';
import { nodeWorker } from '../src/node/worker-threads.js';
import { setWorkerSpawner } from '../src/workers/spawn.js';

const range = (n: number) => array([...Array(n).keys()]);

/** Counts the workers started and still running, through the spawner the Node entry installs. */
function countWorkers(): { started: number; live: number } {
  const count = { started: 0, live: 0 };
  setWorkerSpawner(() => {
    const port = nodeWorker();
    count.started++;
    count.live++;
    return {
      ...port,
      async terminate() {
        await port.terminate();
        count.live--;
      },
    };
  });
  return count;
}

afterEach(() => setWorkerSpawner(nodeWorker));

describe('map with { worker: true }', () => {
  it('gives the outputs of the sequential map, in order, on each pass', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: i, xs: [i, i / 2, -i], name: `r${i}` }));
    const prepare = (r: { id: number; xs: number[]; name: string }) => ({
      xs: r.xs.map((v) => Math.tanh(v / 10)),
      ys: r.id % 3,
      tag: `${r.name}!`,
    });
    const sequential = await array(rows).map(prepare).toArray();
    const ds = array(rows).map(prepare, { parallel: 3, worker: true });
    expect(await ds.toArray()).toEqual(sequential);
    expect(await ds.toArray()).toEqual(sequential); // a second pass starts fresh workers
    expect(ds.size).toBe(40);
  });

  it('keeps the input order when later elements finish first', async () => {
    // Element i busy-waits (20 - i) ms, so with 4 workers the later ones come back first.
    const slowFirst = (i: number) => {
      const until = Date.now() + (20 - i);
      while (Date.now() < until);
      return i * i;
    };
    expect(await range(20).map(slowFirst, { parallel: 4, worker: true }).toArray()).toEqual(
      [...Array(20).keys()].map((i) => i * i),
    );
  });

  it('moves typed arrays back, and batch stacks them', async () => {
    const [b] = await range(6)
      .map((i) => ({ xs: Float32Array.from([i, i + 0.5]), ys: i % 2 }), { parallel: 2, worker: true })
      .batch(6)
      .toArray();
    const { xs, ys } = b as unknown as { xs: import('@rectify/tensor').Tensor; ys: import('@rectify/tensor').Tensor };
    expect(xs.shape).toEqual([6, 2]);
    expect(Array.from(xs.dataSync())).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5]);
    expect(Array.from(ys.dataSync())).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('runs async functions and method-shorthand functions', async () => {
    const holder = {
      triple(x: number) {
        return x * 3;
      },
    };
    expect(await range(4).map(holder.triple, { parallel: 2, worker: true }).toArray()).toEqual([0, 3, 6, 9]);
    expect(
      await range(3)
        .mapAsync(async (x) => (await Promise.resolve(x)) + 1, { parallel: 2, worker: true })
        .toArray(),
    ).toEqual([1, 2, 3]);
  });

  it('an error thrown in a worker is a DatasetError naming the element, and the workers stop', async () => {
    const count = countWorkers();
    const ds = range(30).map(
      (x) => {
        if (x === 7) throw new RangeError('corrupt record');
        return x;
      },
      { parallel: 2, worker: true },
    );
    const error = await ds.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({
      op: 'map',
      index: 7,
      message: 'map: the function threw on element 7: RangeError: corrupt record',
    });
    expect((error as DatasetError).cause).toMatchObject({ name: 'RangeError', message: 'corrupt record' });
    expect(count).toEqual({ started: 2, live: 0 });
  });

  it('a function that uses an outer variable fails with the ReferenceError, the element and the way out', async () => {
    const scale = 3;
    const error = await range(4)
      .map((x) => x * scale, { parallel: 2, worker: true })
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ op: 'map', index: 0 });
    expect((error as Error).message).toMatch(
      /^map: the function threw on element 0: ReferenceError: scale is not defined — with \{ worker: true \} the function is rebuilt from its source text/,
    );
    expect((error as Error).message).toContain('rf.data.moduleFunction(url, name)');
  });

  it('names what cannot cross to a worker: tensors, functions in results, native functions, bad options', async () => {
    await expect(
      array([scalar(1)])
        .map((t) => t, { worker: true })
        .toArray(),
    ).rejects.toThrow('map: element 0 holds a tensor, which cannot be sent to a worker ({ worker: true })');
    await expect(
      range(2)
        .map((x) => ({ x, f: () => x }), { worker: true })
        .toArray(),
    ).rejects.toThrow(/^map: the result for element 0 cannot be sent back from the worker \(\{ worker: true \}\)/);
    await expect(range(2).map(Math.sqrt, { worker: true }).toArray()).rejects.toThrow(
      "map: { worker: true } rebuilds the function from its source text, and 'sqrt' has none",
    );
    await expect(
      range(2)
        .map((x) => x, { workers: 2 } as never)
        .toArray(),
    ).rejects.toThrow("map: unknown option 'workers'; did you mean 'worker'?");
  });

  it('early return from an endless dataset terminates every worker', async () => {
    const count = countWorkers();
    const endless = generator(function* () {
      for (let i = 0; ; i++) yield i;
    });
    expect(
      await endless
        .map((x) => x + 1, { parallel: 3, worker: true })
        .take(5)
        .toArray(),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(count).toEqual({ started: 3, live: 0 });
    const it = endless.map((x) => -x, { parallel: 2, worker: true })[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe(-0);
    await it.return!();
    expect(count).toEqual({ started: 5, live: 0 });
  });

  it('moduleFunction: the workers import the export (which may use its module), as does this thread', async () => {
    const url = new URL('./fixtures/prepare.mjs', import.meta.url);
    const prepare = moduleFunction<number, { xs: number[] }>(url, 'prepare');
    const expected = [0, 1, 2].map((x) => ({ xs: [x * 10, x * 10 + 1] }));
    expect(await range(3).map(prepare, { parallel: 2, worker: true }).toArray()).toEqual(expected);
    expect(await range(3).map(prepare).toArray()).toEqual(expected);
    await expect(
      range(1)
        .map(moduleFunction(url, 'nope'), { worker: true })
        .toArray(),
    ).rejects.toThrow(/^map: the worker could not load the function \(\{ worker: true \}\): TypeError: .*prepare\.mjs has no exported function "nope" \(exports: SCALE, prepare\)/);
    expect(() => moduleFunction('./prepare.mjs', 'prepare')).toThrow(
      "moduleFunction: module must be an absolute URL such as new URL('./prep.js', import.meta.url), received './prepare.mjs'",
    );
  });
});
