import { describe, expect, it } from 'vitest';
import {
  add,
  equal,
  greater,
  mapUnary,
  mapUnaryGrad,
  mathFns,
  maximum,
  mul,
  notEqual,
  onesLike,
  sub,
  tensor,
  unaryFn,
} from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';
import * as act from '@rectify/activations';
import { normal, useWasm, withThreads } from './helpers.js';

describe('unary kernels', () => {
  it('runs the math functions and activations on hand-vectorised kernels (checked against their definitions)', () => {
    const b = useWasm();
    const vectorised = [
      mathFns.expFn,
      mathFns.logFn,
      mathFns.sigmoidFn,
      mathFns.tanhFn,
      mathFns.softplusFn,
      mathFns.sqrtFn,
      mathFns.absFn,
      act.reluFn,
      act.relu6Fn,
      act.seluFn,
      act.geluFn,
      act.geluTanhFn,
      act.mishFn,
      act.softsignFn,
      act.sigmoidFn,
      act.tanhFn,
      act.hardSigmoidFn,
      act.hardSwishFn,
    ];
    for (const fn of vectorised)
      expect({ name: fn.name, ...b.vectorized(fn) }).toEqual({ name: fn.name, forward: true, gradient: true });
    expect(b.vectorized(act.leakyReluFn, 0.2)).toEqual({ forward: true, gradient: true });
    expect(b.vectorized(act.eluFn, 1)).toEqual({ forward: true, gradient: true });
    expect(b.vectorized(act.swishFn, 1.5)).toEqual({ forward: true, gradient: true });
    expect(b.vectorized(mathFns.clipFn, -1, 2)).toEqual({ forward: true, gradient: true });
  });

  it('computes relu, sigmoid and tanh at hand-checked points', () => {
    useWasm();
    expect(Array.from(mapUnary(tensor([-2, -0, 0, 3, 1e-30]), act.reluFn).dataSync())).toEqual(
      [0, 0, 0, 3, 1e-30].map(Math.fround),
    );
    expectClose(
      mapUnary(tensor([0, 2, -2, 100, -100]), act.sigmoidFn),
      [0.5, 0.8807970779778823, 0.11920292202211755, 1, 3.720075976020836e-44],
      1e-6,
    );
    expectClose(
      mapUnary(tensor([0, 0.5, -1, 20, 1e-8]), act.tanhFn),
      [0, 0.46211715726000974, -0.7615941559557649, 1, 1e-8],
      { rtol: 1e-6, atol: 0 },
    );
    // relu' (1 above 0, 0 below) times dy.
    expect(Array.from(mapUnaryGrad(tensor([-1, 0, 2]), tensor([5, 6, 7]), act.reluFn).dataSync())).toEqual([0, 0, 7]);
  });

  it('never trusts a name alone: a function called "exp" that doubles is computed as written', () => {
    const b = useWasm();
    const impostor = unaryFn({ name: 'exp', f: (x) => 2 * x, df: () => 2 });
    expect(b.vectorized(impostor)).toEqual({ forward: false, gradient: false });
    expect(Array.from(mapUnary(tensor([1, -3, 0.5]), impostor).dataSync())).toEqual([2, -6, 1]);
    expect(Array.from(mapUnaryGrad(tensor([1, -3]), tensor([1, 10]), impostor).dataSync())).toEqual([2, 20]);
  });

  it('runs any other function through a JavaScript loop over the wasm memory', () => {
    useWasm();
    const cube = unaryFn({ name: 'cube', f: (x) => x * x * x, df: (x) => 3 * x * x });
    expect(Array.from(mapUnary(tensor([1, 2, -3]), cube).dataSync())).toEqual([1, 8, -27]);
    expect(Array.from(mapUnaryGrad(tensor([1, 2]), onesLike(tensor([1, 2])), cube).dataSync())).toEqual([3, 12]);
  });

  it('gives the same values on 1 and 2 threads for a 300k-element activation and its gradient', async () => {
    const x = normal([300_001], 21);
    const dy = normal([300_001], 22);
    const run = () => [mapUnary(x, act.geluFn).dataSync(), mapUnaryGrad(x, dy, act.geluFn).dataSync()];
    const [f1, g1] = await withThreads(1, run);
    const [f2, g2] = await withThreads(2, run);
    expect(Array.from(f2!)).toEqual(Array.from(f1!));
    expect(Array.from(g2!)).toEqual(Array.from(g1!));
  });
});

describe('binary kernels', () => {
  it('broadcasts bias rows, per-row columns and scalars', () => {
    useWasm();
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(add(x, tensor([10, 20, 30])).arraySync()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(sub(x, tensor([[1], [4]])).arraySync()).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    expect(mul(x, 2).arraySync()).toEqual([
      [2, 4, 6],
      [8, 10, 12],
    ]);
    expect(sub(10, tensor([1, 2])).arraySync()).toEqual([9, 8]);
  });

  it('walks patterns that do not collapse to two axes ([2,3,2] × [3,1])', () => {
    useWasm();
    const x = tensor([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [9, 10],
        [11, 12],
      ],
    ]);
    expect(mul(x, tensor([[1], [10], [100]])).arraySync()).toEqual([
      [
        [1, 2],
        [30, 40],
        [500, 600],
      ],
      [
        [7, 8],
        [90, 100],
        [1100, 1200],
      ],
    ]);
  });

  it('compares into bool and resolves maximum ties and NaN as the definition does', () => {
    useWasm();
    const a = tensor([1, NaN, 3, -0, 2]);
    const b = tensor([1, NaN, 2, 0, NaN]);
    expect(equal(a, b).arraySync()).toEqual([true, false, false, true, false]);
    expect(notEqual(a, b).arraySync()).toEqual([false, true, true, false, true]);
    expect(greater(a, b).dtype).toBe('bool');
    expect(Array.from(maximum(a, b).dataSync())).toEqual([1, NaN, 3, -0, NaN]);
  });

  it('gives the same values on 1 and 2 threads for a 200k-element broadcast', async () => {
    const x = normal([400, 500], 23);
    const bias = normal([500], 24);
    const one = await withThreads(1, () => add(x, bias).dataSync());
    const two = await withThreads(2, () => add(x, bias).dataSync());
    expect(Array.from(two)).toEqual(Array.from(one));
  });
});
