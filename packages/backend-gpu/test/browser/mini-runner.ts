import type { TestApi } from '@rectify/tensor/testing';

/** One test's outcome, as the page reports it back to Node. */
export interface CaseResult {
  readonly id: string;
  readonly ok: boolean;
  readonly message?: string;
  readonly ms: number;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || Array.isArray(a) !== Array.isArray(b)) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The part of a test framework the conformance suite needs (`describe`, `it`, `expect().toEqual`, hooks), for a
 * page that has no vitest: tests are collected, then `run()` executes them in order and reports each.
 */
export function testCollector(): { api: TestApi; run: () => Promise<CaseResult[]> } {
  const tests: Array<{ id: string; fn: () => void | Promise<void> }> = [];
  const beforeAll: Array<() => void | Promise<void>> = [];
  const afterAll: Array<() => void | Promise<void>> = [];
  const path: string[] = [];
  const api: TestApi = {
    describe(name, fn) {
      path.push(name);
      try {
        fn();
      } finally {
        path.pop();
      }
    },
    it(name, fn) {
      tests.push({ id: [...path, name].join(' > '), fn });
    },
    expect(actual) {
      return {
        toEqual(expected) {
          if (!deepEqual(actual, expected))
            throw new Error(`expected ${JSON.stringify(expected)}, received ${JSON.stringify(actual)}`);
        },
      };
    },
    beforeAll: (fn) => void beforeAll.push(fn),
    afterAll: (fn) => void afterAll.push(fn),
  };
  const run = async (): Promise<CaseResult[]> => {
    for (const fn of beforeAll) await fn();
    const results: CaseResult[] = [];
    for (const t of tests) {
      const t0 = performance.now();
      try {
        await t.fn();
        results.push({ id: t.id, ok: true, ms: performance.now() - t0 });
      } catch (err) {
        results.push({ id: t.id, ok: false, message: (err as Error).message, ms: performance.now() - t0 });
      }
    }
    for (const fn of afterAll) await fn();
    return results;
  };
  return { api, run };
}
