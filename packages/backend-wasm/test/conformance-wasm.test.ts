import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformanceSuite } from '@rectify/tensor/testing';
import { getWasmBackend, setWasmThreads } from '@rectify/backend-wasm';
import { ready } from '@rectify/tensor';

// The whole suite twice: on one thread, and on two threads with every kernel split between them however small,
// so each work partition (odd row counts, tails, single rows) is compared with the cpu reference too.
describe('wasm, 1 thread', () => {
  beforeAll(async () => {
    await ready('wasm');
    setWasmThreads(1);
  });
  runConformanceSuite('wasm', { describe, it, expect, beforeAll, afterAll });
});

describe('wasm, 2 threads, every kernel split', () => {
  beforeAll(async () => {
    await ready('wasm');
    setWasmThreads(2);
    getWasmBackend()!.setParallelism('always');
    await getWasmBackend()!.threadsReady();
  });
  afterAll(() => getWasmBackend()!.setParallelism('auto'));
  runConformanceSuite('wasm', { describe, it, expect, beforeAll, afterAll });
});
