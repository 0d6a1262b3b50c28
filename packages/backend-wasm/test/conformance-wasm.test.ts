import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UnaryCheck, runConformanceSuite } from '@rectify/tensor/testing';
import { ready } from '@rectify/tensor';
import * as act from '@rectify/activations';
import { getWasmBackend, setWasmThreads } from '@rectify/backend-wasm';

// The activations this backend hand-vectorises, held to their scalar definitions like the built-in math.
const activations: UnaryCheck[] = [
  { fn: act.reluFn },
  { fn: act.relu6Fn },
  { fn: act.leakyReluFn, a: 0.01 },
  { fn: act.eluFn, a: 1 },
  { fn: act.seluFn },
  { fn: act.celuFn, a: 1.5 },
  { fn: act.geluFn },
  { fn: act.geluTanhFn },
  { fn: act.swishFn, a: 1 },
  { fn: act.mishFn },
  { fn: act.softsignFn },
  { fn: act.hardSigmoidFn },
  { fn: act.hardSwishFn },
  { fn: act.sigmoidFn },
  { fn: act.tanhFn },
  { fn: act.softplusFn },
];

// The whole suite twice: on one thread, and on two threads with every kernel split between them however small,
// so each work partition (odd row counts, tails, single rows) is compared with the cpu reference too.
describe('wasm, 1 thread', () => {
  beforeAll(async () => {
    await ready('wasm');
    setWasmThreads(1);
  });
  runConformanceSuite('wasm', { describe, it, expect, beforeAll, afterAll }, { unaryFns: activations });
});

describe('wasm, 2 threads, every kernel split', () => {
  beforeAll(async () => {
    await ready('wasm');
    setWasmThreads(2);
    getWasmBackend()!.setParallelism('always');
    await getWasmBackend()!.threadsReady();
  });
  afterAll(() => getWasmBackend()!.setParallelism('auto'));
  runConformanceSuite('wasm', { describe, it, expect, beforeAll, afterAll }, { unaryFns: activations });
});
