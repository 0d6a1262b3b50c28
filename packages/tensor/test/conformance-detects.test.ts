import { describe, expect, it } from 'vitest';
import { CpuBackend, type Backend, type Kernels, engine, registerBackend } from '@rectify/tensor';
import { type TestApi, runConformanceSuite } from '@rectify/tensor/testing';

interface Collected {
  readonly id: string;
  readonly fn: () => void | Promise<void>;
}

/** Runs the suite against `name` outside vitest's collection and returns the ids of the cases that fail. */
async function failingCases(
  name: string,
  options: Parameters<typeof runConformanceSuite>[2] = {},
): Promise<{ failed: string[]; total: number }> {
  const tests: Collected[] = [];
  const hooks: Array<() => void | Promise<void>> = [];
  const api: TestApi = {
    describe: (_n, fn) => fn(),
    it: (id, fn) => tests.push({ id, fn }),
    expect,
    beforeAll: (fn) => hooks.push(fn),
  };
  runConformanceSuite(name, api, options);
  for (const h of hooks) await h();
  const failed: string[] = [];
  for (const t of tests) {
    try {
      await t.fn();
    } catch {
      failed.push(t.id);
    }
  }
  return { failed, total: tests.length };
}

/** A CPU backend with some kernels replaced. */
function faulty(name: string, patch: (k: Kernels) => Partial<Kernels>): () => Backend {
  return () => {
    const base = new CpuBackend();
    return Object.assign(Object.create(base) as Backend, {
      name,
      kernels: { ...base.kernels, ...patch(base.kernels) },
    });
  };
}

describe('the conformance suite catches faulty backends', () => {
  it('flags exactly the matmul cases with transposeB when a backend ignores that flag', async () => {
    registerBackend(
      'faulty-matmul',
      faulty('faulty-matmul', (k) => ({
        matmul: (inputs, attrs) => {
          if (!attrs.transposeB) return k.matmul(inputs, attrs);
          const [, b] = inputs;
          // Ignoring transposeB reads B as if it were not transposed: reshape the view so shapes still line up.
          const r = b.shape.length;
          const shape = [...b.shape.slice(0, -2), b.shape[r - 1]!, b.shape[r - 2]!];
          return k.matmul([inputs[0], { ...b, shape }], { ...attrs, transposeB: false });
        },
      })),
      -1,
    );
    const { failed, total } = await failingCases('faulty-matmul');
    expect(total).toBeGreaterThan(250);
    expect(failed.length).toBeGreaterThan(10);
    // Every failure is a transposed-B product whose B has more than one row and column (others are unaffected).
    for (const id of failed) expect(id).toMatch(/^matmul\/.*ᵀ$/);
    expect(failed).toContain('matmul/odd sizes [7,13]·[31,13]ᵀ');
    expect(failed).not.toContain('matmul/odd sizes [7,13]·[13,31]');
  });

  it('flags the max reduction and the arg reductions of a backend that swaps them', async () => {
    registerBackend(
      'faulty-reduce',
      faulty('faulty-reduce', (k) => ({
        reduce: (inputs, attrs) => k.reduce(inputs, attrs.op === 'max' ? { ...attrs, op: 'min' } : attrs),
        argReduce: (inputs, attrs) =>
          k.argReduce(inputs, { ...attrs, op: attrs.op === 'argmax' ? 'argmin' : 'argmax' }),
      })),
      -1,
    );
    const { failed } = await failingCases('faulty-reduce');
    expect(failed.filter((id) => id.startsWith('reduce/max'))).toHaveLength(3);
    expect(failed.filter((id) => id.startsWith('argReduce/'))).toHaveLength(6);
    expect(
      failed.every((id) => id.startsWith('reduce/max') || id.startsWith('argReduce/') || id.startsWith('composite/')),
    ).toBe(true);
  });

  it('flags a backend that leaks a buffer per kernel call', async () => {
    registerBackend(
      'leaky',
      faulty('leaky', (k) => ({
        tile: (inputs, attrs) => {
          k.tile(inputs, attrs); // the first result is never disposed
          return k.tile(inputs, attrs);
        },
      })),
      -1,
    );
    const { failed } = await failingCases('leaky', { skip: ['composite', 'storage'] });
    expect(failed.sort()).toEqual([
      'tile/bool [2,3]×[2,3] [7]×[3] [1,3,1]×[2,1,4] [2,3]×[0,2] [13,7]×[1,2]',
      'tile/int [2,3]×[2,3] [7]×[3] [1,3,1]×[2,1,4] [2,3]×[0,2] [13,7]×[1,2]',
      'tile/normal [2,3]×[2,3] [7]×[3] [1,3,1]×[2,1,4] [2,3]×[0,2] [13,7]×[1,2]',
    ]);
    const { failed: lenient } = await failingCases('leaky', { skip: ['composite', 'storage'], checkLeaks: false });
    expect(lenient).toEqual([]);
  });

  it('skips kernels, groups and single cases by name', async () => {
    const all = await failingCases('cpu');
    const some = await failingCases('cpu', { skip: ['conv2d', 'unary/exp', 'storage/empty and rank-0 buffers'] });
    expect(all.failed).toEqual([]);
    expect(all.total - some.total).toBe(16 + 4 + 1); // conv2d's cases, unary/exp's four (float32, int32, special, tails), one
    expect(engine.backendName).toBe('cpu');
  });
});
