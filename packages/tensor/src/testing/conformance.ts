import type { DType } from '../dtype.js';
import { engine } from '../engine.js';
import type { UnaryFn } from '../scalar-fn.js';
import { Tensor } from '../tensor.js';
import { type ConformanceCase, sh } from './case.js';
import { type UnaryCheck, conformanceCases } from './cases/index.js';
import { expectClose } from './expect-close.js';
import { storageChecks } from './storage-checks.js';

/**
 * The parts of a test framework the suite uses; pass vitest's (or jest's) functions. Taking them as arguments keeps
 * `@rectify/tensor` free of any runtime dependency on a test framework.
 */
export interface TestApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => void | Promise<void>): void;
  expect(actual: unknown): { toEqual(expected: unknown): void };
  beforeAll?(fn: () => void | Promise<void>): void;
  afterAll?(fn: () => void | Promise<void>): void;
}

export interface ConformanceOptions {
  /** Relative and absolute tolerance for float32 results (int32 and bool results must match exactly). Default 1e-4. */
  readonly tolerance?: number;
  /**
   * Relative tolerance of the cases marked `relative` (unary functions in their far tails). Default 5e−6: float32
   * rounding of a well-computed value, not of its exponent. A backend whose math is float32 throughout (gpu.js
   * shaders) may pass a looser one.
   */
  readonly tailTolerance?: number;
  /** Case ids, groups (`unary/exp`, `matmul/long K`) or whole kernels (`conv2d`, `storage`, `composite`) to skip. */
  readonly skip?: readonly string[];
  /** More unary functions to hold to their scalar definition, e.g. the activations a backend hand-vectorises. */
  readonly unaryFns?: ReadonlyArray<UnaryFn | UnaryCheck>;
  /** Fail a case whose run leaves buffers behind on the backend after its tensors are disposed. Default true. */
  readonly checkLeaks?: boolean;
}

interface Output {
  readonly shape: number[];
  readonly dtype: DType;
  readonly values: ArrayLike<number>;
}

function evaluate(c: ConformanceCase): Output[] {
  return engine.tidy(() => {
    const r = c.run();
    const list = r instanceof Tensor ? [r] : [...r];
    return list.map((t) => ({ shape: [...t.shape], dtype: t.dtype, values: t.dataSync() }));
  });
}

/** Runs `fn` with `name` active, restoring the previously active backend afterwards. @example onBackend('cpu', () => sum(tensor([1, 2])).dataSync()) // → [3] */
export function onBackend<T>(name: string, fn: () => T): T {
  const previous = engine.backendName;
  engine.setBackend(name);
  try {
    return fn();
  } finally {
    engine.setBackend(previous);
  }
}

function checkCase(
  backendName: string,
  c: ConformanceCase,
  t: TestApi,
  tolerance: number,
  tailTolerance: number,
  checkLeaks: boolean,
): void {
  const expected = onBackend('cpu', () => evaluate(c));
  const { actual, leaked } = onBackend(backendName, () => {
    const before = engine.getBackend().memory().numDataBuffers;
    const out = evaluate(c);
    return { actual: out, leaked: engine.getBackend().memory().numDataBuffers - before };
  });
  t.expect(actual.length).toEqual(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    const label = `${c.id}: output ${i} ${sh(e.shape)}`;
    t.expect({ output: i, shape: a.shape, dtype: a.dtype }).toEqual({ output: i, shape: e.shape, dtype: e.dtype });
    const tol = e.dtype === 'float32' ? (c.relative ? tailTolerance : tolerance) * (c.tolScale ?? 1) : 0;
    expectClose(a.values, e.values, c.relative ? { rtol: tol, atol: 0 } : tol, label);
  });
  if (checkLeaks && leaked !== 0) {
    throw new Error(
      `${c.id}: backend '${backendName}' holds ${leaked} more data buffers after the case's tensors were disposed`,
    );
  }
}

function skipper(skip: readonly string[]) {
  const set = new Set(skip);
  return (group: string, id: string): boolean =>
    set.has(group) || set.has(id) || skip.some((s) => id.startsWith(`${s} `));
}

/**
 * Registers tests that run every primitive kernel — and the main composite ops — on `backendName` and compare
 * each result with the `cpu` backend's on seeded inputs: odd sizes (7, 13, 31, 784, 10), size-1 and broadcast
 * axes, empty tensors, ties and non-finite values. Results must agree in shape and dtype, float32 values within
 * `atol + rtol·|expected|` (both = `tolerance`), int32 and bool values exactly. Every backend package runs it.
 *
 * @example
 * // test-file-only: it declares vitest tests, so it runs as a test file (packages/backend-wasm/test), not here
 * import { describe, it, expect, beforeAll } from 'vitest';
 * import { runConformanceSuite } from '@rectify/tensor/testing';
 * runConformanceSuite('wasm', { describe, it, expect, beforeAll }, { tolerance: 1e-4 });
 */
export function runConformanceSuite(backendName: string, t: TestApi, options: ConformanceOptions = {}): void {
  const tolerance = options.tolerance ?? 1e-4;
  const tailTolerance = options.tailTolerance ?? 5e-6;
  const checkLeaks = options.checkLeaks ?? true;
  const skipped = skipper(options.skip ?? []);
  const table = conformanceCases(options.unaryFns);
  t.describe(`backend conformance: ${backendName}`, () => {
    // Backends whose factory is asynchronous are initialised once here; afterwards setBackend finds the instance.
    t.beforeAll?.(async () => {
      const previous = engine.backendName;
      await engine.ready(backendName);
      engine.setBackend(previous);
    });
    if (!skipped('storage', 'storage')) storageChecks(backendName, t, skipped);
    for (const [group, cases] of Object.entries(table) as Array<[string, readonly ConformanceCase[]]>) {
      t.describe(group, () => {
        for (const c of cases) {
          if (!skipped(group, c.id))
            t.it(c.id, () => checkCase(backendName, c, t, tolerance, tailTolerance, checkLeaks));
        }
      });
    }
  });
}
