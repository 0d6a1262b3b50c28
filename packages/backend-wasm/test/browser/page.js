// Runs in Chromium: loads the built packages as plain ES modules (an import map resolves the bare names, as a CDN
// would), initialises the 'wasm' backend the browser way — `await ready('wasm')` — with two threads asked for, checks
// relu(matmul), runs the conformance suite with a minimal test runner and trains a few steps. The report lands on
// globalThis.rectifyReport.
import * as rt from '@rectify/tensor';
import { runConformanceSuite } from '@rectify/tensor/testing';
import { relu } from '@rectify/activations';
import { setWasmThreads } from '@rectify/backend-wasm';
import { matmulRelu, publish, startWasm } from './checks.js';

/** Just enough of a test framework for runConformanceSuite: hooks, tests, expect().toEqual(). */
function miniRunner() {
  const tests = [];
  const hooks = [];
  // Identity first: the suite compares backend objects, whose JSON would spell out the whole memory.
  const json = (v) => JSON.stringify(v, (_, x) => (Number.isNaN(x) ? 'NaN' : x));
  const same = (a, b) => Object.is(a, b) || (typeof a === 'object' && typeof b === 'object' && json(a) === json(b));
  const api = {
    describe: (_name, fn) => fn(),
    it: (name, fn) => tests.push({ name, fn }),
    beforeAll: (fn) => hooks.push(fn),
    afterAll: () => undefined,
    expect: (actual) => ({
      toEqual(expected) {
        if (!same(actual, expected))
          throw new Error(`expected ${JSON.stringify(expected)}, received ${JSON.stringify(actual)}`);
      },
    }),
  };
  const run = async () => {
    for (const h of hooks) await h();
    const failures = [];
    for (const t of tests) {
      try {
        await t.fn();
      } catch (e) {
        failures.push(`${t.name}: ${e.message}`);
      }
    }
    return { count: tests.length, failures };
  };
  return { api, run };
}

async function main() {
  const backend = await startWasm(rt, setWasmThreads);
  const product = matmulRelu(rt, relu);
  backend.setParallelism('auto');
  const runner = miniRunner();
  runConformanceSuite('wasm', runner.api);
  const conformance = await runner.run();
  rt.setBackend('wasm');
  const w = rt.tensor([
    [0.5, -0.2],
    [0.1, 0.3],
  ]);
  const losses = [];
  let weights = w;
  for (let i = 0; i < 5; i++) {
    const x = rt.tensor([
      [1, 2],
      [3, 4],
      [-1, 0.5],
    ]);
    const y = rt.tensor([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const err = rt.sub(rt.matmul(x, weights), y);
    losses.push(rt.mean(rt.square(err)).dataSync()[0]);
    const grad = rt.mul(rt.matmul(x, err, true, false), 2 / 6);
    weights = rt.sub(weights, rt.mul(grad, 0.05));
  }
  return {
    info: backend.info,
    matmulRelu: product,
    conformance,
    losses,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
}

publish(main());
