import { afterAll, describe, expect, it } from 'vitest';
import {
  RectifyError,
  argMax,
  cast,
  engine,
  equal,
  floor,
  mapUnary,
  mapUnaryGrad,
  mathFns,
  maxPool,
  mul,
  round,
  sign,
  sum,
  tensor,
  type OpName,
} from '@rectify/tensor';
import { checkGradients, grad, gradRules } from '@rectify/autograd';
import {
  binaryCases,
  elementwiseCases,
  linalgCases,
  nnCases,
  reduceCases,
  shapeCases,
  unaryCases,
  type GradientCase,
} from './gradient-cases.js';

// Every op any test in this file records, to prove that every rule in the table is exercised.
const seen = new Set<OpName>();
const stop = engine.addOpListener((r) => seen.add(r.op));
afterAll(stop);

function runCases(title: string, cases: readonly GradientCase[]): void {
  describe(title, () => {
    for (const k of cases) {
      it(k.name, () => {
        const inputs = k.inputs();
        const r = checkGradients(k.f, inputs, k.eps === undefined ? {} : { eps: k.eps });
        expect(r.message).toMatch(/^gradients match/);
        expect(r.ok).toBe(true);
        // Not vacuous: some gradient must be non-zero.
        expect(r.inputs.some((g) => g.analytic.some((v) => Math.abs(v) > 1e-3))).toBe(true);
        inputs.forEach((t) => t.dispose());
      });
    }
  });
}

runCases('unary functions (every mathFns entry with a derivative)', unaryCases);
runCases('binary functions with broadcasting (every mathFns entry with partials)', binaryCases);
runCases('where, clip and composites', elementwiseCases);
runCases('reductions', reduceCases);
runCases('matmul', linalgCases);
runCases('shape ops, gather, scatterAdd', shapeCases);
runCases('conv2d, pools, softmax', nnCases);

describe('ops without a gradient', () => {
  it('piecewise-constant functions give zero gradients', () => {
    for (const f of [floor, sign, round]) {
      expect(grad((x) => sum(mul(f(x), x)))(tensor([1.5, -2.5])).arraySync()).toEqual(
        f(tensor([1.5, -2.5])).arraySync(),
      );
    }
  });
  it('comparisons, argMax and casts to int32 or bool pass no gradient', () => {
    const x = tensor([1, 3, 2]);
    expect(grad((t) => cast(equal(t, 3), 'float32'))(x).arraySync()).toEqual([0, 0, 0]);
    expect(grad((t) => cast(argMax(t), 'float32'))(x).arraySync()).toEqual([0, 0, 0]);
    expect(grad((t) => cast(cast(t, 'int32'), 'float32'))(tensor([1.7, 2.2])).arraySync()).toEqual([0, 0]);
    expect(grad((t) => cast(cast(t, 'bool'), 'float32'))(tensor([1.7, 0])).arraySync()).toEqual([0, 0]);
  });
  it('differentiating through a gradient kernel is reported, not silently wrong', () => {
    const x = tensor([1, 2]);
    expect(() => grad((t) => mapUnaryGrad(t, t, mathFns.expFn))(x)).toThrow(RectifyError);
    expect(() => grad((t) => mapUnaryGrad(t, t, mathFns.expFn))(x)).toThrow(
      "grad: differentiating through 'unaryGrad' (a gradient kernel) is not supported; higher-order gradients are not implemented",
    );
    const img = tensor([1, 2, 3, 4], [1, 2, 2, 1]);
    const info = {
      batch: 1,
      inH: 2,
      inW: 2,
      channels: 1,
      outH: 1,
      outW: 1,
      kH: 2,
      kW: 2,
      strideH: 2,
      strideW: 2,
      padTop: 0,
      padLeft: 0,
    };
    expect(() => grad((t) => engine.runKernel('maxPoolGrad', [maxPool(t, 2, 2), t], { info }))(img)).toThrow(
      "grad: differentiating through 'maxPoolGrad' (a gradient kernel) is not supported; higher-order gradients are not implemented",
    );
    const attrs = { scale: 1, causal: false, causalOffset: 0 };
    expect(() =>
      grad((t) => engine.runKernel('softmaxGrad', [engine.runKernel('softmax', [t], attrs), t], attrs))(x),
    ).toThrow(
      "grad: differentiating through 'softmaxGrad' (a gradient kernel) is not supported; higher-order gradients are not implemented",
    );
    expect(mapUnary(x, mathFns.expFn).dtype).toBe('float32');
    const z = tensor([[0.1, -0.2, 0.3, 0.4]]);
    expect(() =>
      grad((c) => engine.runKernel('lstmCellGrad', [z, c, c], { part: 'state', wrt: 'c' }))(tensor([[0.5]])),
    ).toThrow(
      "grad: differentiating through 'lstmCellGrad' (a gradient kernel) is not supported; higher-order gradients are not implemented",
    );
    const zx = tensor([[0.1, -0.2, 0.3]]);
    expect(() => grad((h) => engine.runKernel('gruCellGrad', [zx, zx, h, h], { wrt: 'h' }))(tensor([[0.5]]))).toThrow(
      "grad: differentiating through 'gruCellGrad' (a gradient kernel) is not supported; higher-order gradients are not implemented",
    );
  });
});

describe('coverage', () => {
  it('every op of the rule table was differentiated above', () => {
    const missing = (Object.keys(gradRules) as OpName[]).filter((op) => !seen.has(op));
    expect(missing).toEqual([]);
  });
});
