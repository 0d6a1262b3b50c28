import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type BackendKernelName,
  type Tensor,
  type UnaryFn,
  argMax,
  biasActivation,
  conv2d,
  engine,
  gather,
  backend,
  mapBinary,
  mathFns,
  matmul,
  mul,
  setBackend,
  sum,
  tensor,
  unaryFn,
  where,
  greater,
} from '@rectify/tensor';
import { input } from '@rectify/tensor/testing';
import { checkGradients, grads, gradRules, variable, variableGrads } from '@rectify/autograd';

/** Counts the runs of the active backend's kernels `names` while `fn` runs (forward and backward both). */
function countKernels<T>(names: readonly BackendKernelName[], fn: () => T): Record<string, number> {
  const kernels = backend().kernels as unknown as Record<string, (...a: unknown[]) => unknown>;
  const spies = names.map((n) => [n, vi.spyOn(kernels, n)] as const);
  try {
    engine.tidy(() => {
      fn();
    });
    return Object.fromEntries(spies.map(([n, s]) => [n, s.mock.calls.length]));
  } finally {
    spies.forEach(([, s]) => s.mockRestore());
  }
}

afterEach(() => setBackend('cpu'));

describe('gradients nobody needs are not computed', () => {
  it("matmul: the data operand's gradient is skipped (one backward product instead of two)", () => {
    setBackend('cpu');
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const w = variable(
      tensor([
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
    );
    let g: Tensor | undefined;
    const runs = countKernels(['matmul'], () => {
      g = engine.keep(variableGrads(() => sum(matmul(x, w)), [w]).grads[w.name]!);
    });
    expect(runs).toEqual({ matmul: 2 }); // forward + xᵀ·dy
    // d/dw Σ x·w = xᵀ·1: each column holds the column sums of x.
    expect(g!.arraySync()).toEqual([
      [5, 5],
      [7, 7],
      [9, 9],
    ]);
    // Both operands as sources: both backward products run.
    expect(countKernels(['matmul'], () => grads((a, b) => sum(matmul(a!, b!)))([x, w]))).toEqual({ matmul: 3 });
  });

  it('conv2d: only the requested one of the input and filter gradients runs', () => {
    const x = input([1, 5, 5, 2], 60);
    const f = input([3, 3, 2, 2], 61);
    const kernels: BackendKernelName[] = ['conv2dBackpropInput', 'conv2dBackpropFilter'];
    const fv = variable(f);
    expect(countKernels(kernels, () => variableGrads(() => sum(conv2d(x, fv, 1, 'same')), [fv]))).toEqual({
      conv2dBackpropInput: 0,
      conv2dBackpropFilter: 1,
    });
    const xv = variable(x);
    expect(countKernels(kernels, () => variableGrads(() => sum(conv2d(xv, f, 1, 'same')), [xv]))).toEqual({
      conv2dBackpropInput: 1,
      conv2dBackpropFilter: 0,
    });
  });

  it('biasActivation: the bias gradient alone skips nothing it needs and sums dpre over the batch', () => {
    const z = tensor([
      [-1, 2],
      [3, -4],
      [0.5, 0.25],
    ]);
    const bv = variable(tensor([0.5, -1]));
    let g: Tensor | undefined;
    const runs = countKernels(['unaryGrad', 'reduce'], () => {
      g = engine.keep(variableGrads(() => sum(biasActivation(z, bv, mathFns.tanhFn)), [bv]).grads[bv.name]!);
    });
    expect(runs).toEqual({ unaryGrad: 1, reduce: 2 }); // the loss sum, then the bias gradient's sum over rows
    const pre = [
      [-0.5, 1],
      [3.5, -5],
      [1, -0.75],
    ];
    const col = (j: number): number => pre.reduce((s, r) => s + 1 - Math.tanh(r[j]!) ** 2, 0);
    const got = g!.dataSync();
    expect(got[0]).toBeCloseTo(col(0), 5);
    expect(got[1]).toBeCloseTo(col(1), 5);
    const [rz, rb] = gradRules.biasActivation(tensor([[1, 1]]), {
      inputs: [tensor([[0, 0]]), tensor([0, 0])],
      attrs: { fn: mathFns.tanhFn, a: 0, b: 0 },
      output: tensor([[0, 0]]),
      needs: [true, false],
    });
    expect(rz!.arraySync()).toEqual([[1, 1]]);
    expect(rb).toBeNull();
  });

  it('biasActivation: a function whose derivative reads off its output neither keeps nor recomputes the pre-activation', () => {
    // A ramp with relu's shape, made here: the tensor package's own functions make no such claim.
    const ramp = unaryFn({ name: 'rampForTest', f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) });
    const rampAtOutput = unaryFn({ ...ramp, name: 'rampAtOutputForTest', dfAtOutput: () => true });
    const z = tensor([
      [-1, 2],
      [3, -4],
      [0.5, -0.25],
    ]);
    const bias = [0.5, 1];
    const gradsOf = (fn: UnaryFn) => {
      const zv = variable(z);
      const bv = variable(tensor(bias));
      let gs: Tensor[] = [];
      // What the tape handed the rule: the pre-activation z, and the output, or undefined where it kept no handle.
      const rule = vi.spyOn(gradRules, 'biasActivation');
      const runs = countKernels(['binary'], () => {
        const { grads: g } = variableGrads(() => sum(mul(biasActivation(zv, bv, fn), tensor([3, -2]))), [zv, bv]);
        gs = [g[zv.name]!, g[bv.name]!].map((t) => engine.keep(t));
      });
      const held = rule.mock.calls.map(([, ctx]) => [ctx.inputs[0] !== undefined, ctx.output !== undefined]);
      rule.mockRestore();
      return { runs, held, values: gs.map((t) => t.arraySync()) };
    };
    const recomputed = gradsOf(ramp);
    const read = gradsOf(rampAtOutput);
    // The tape keeps no handle on z when the rule reads the output: its buffer is freed before backward.
    expect([recomputed.held, read.held]).toEqual([[[true, true]], [[false, true]]]);
    // One binary (the ×[3, −2] in the loss) forward and its gradient; the recomputing rule adds z + bias once more.
    expect(read.runs.binary).toBe(recomputed.runs.binary - 1);
    // pre = [[−0.5, 3], [3.5, −3], [1, 0.75]]: the ramp passes 3 or −2 where pre > 0 (and −2·0 = −0).
    const dz = [
      [0, -2],
      [3, -0],
      [3, -2],
    ];
    expect(read.values).toEqual([dz, [6, -4]]);
    expect(recomputed.values).toEqual(read.values);
  });

  it('rules return null for unneeded inputs and the same gradient as before for needed ones', () => {
    const x = input([2, 3], 62, 'positive');
    const y = input([3], 63, 'nonzero');
    const dy = input([2, 3], 64);
    for (const fn of [mathFns.mulFn, mathFns.divFn, mathFns.subFn, mathFns.powFn, mathFns.maximumFn]) {
      const output = mapBinary(x, y, fn);
      const ctx = (needs: boolean[]) => ({ inputs: [x, y], attrs: { fn, dtype: 'float32' as const }, output, needs });
      const [gx, gy] = gradRules.binary(dy, ctx([true, true]));
      const [onlyX, noY] = gradRules.binary(dy, ctx([true, false]));
      const [noX, onlyY] = gradRules.binary(dy, ctx([false, true]));
      expect([noY, noX]).toEqual([null, null]);
      expect(onlyX!.arraySync()).toEqual(gx!.arraySync());
      expect(onlyY!.arraySync()).toEqual(gy!.arraySync());
    }
    const ops: string[] = [];
    const stop = engine.addOpListener((r) => ops.push(r.op));
    const c = greater(x, 0);
    ops.length = 0;
    const [, wx, wy] = gradRules.where(dy, {
      inputs: [c, x, dy],
      attrs: { dtype: 'float32' },
      output: x,
      needs: [false, false, true],
    });
    stop();
    expect(ops).toEqual(['where']);
    expect(wx).toBeNull();
    expect(wy!.arraySync()).toEqual(where(c, 0, dy).arraySync());
  });

  it('matmul rule: every transpose combination gives the full gradient of each operand alone', () => {
    for (const [tA, tB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      const a = input(tA ? [4, 2] : [2, 4], 65);
      const b = input(tB ? [3, 4] : [4, 3], 66);
      const output = matmul(a, b, tA, tB);
      const dy = input([2, 3], 67);
      const ctx = (needs: boolean[]) => ({ inputs: [a, b], attrs: { transposeA: tA, transposeB: tB }, output, needs });
      const [da, db] = gradRules.matmul(dy, ctx([true, true]));
      const [onlyA, noB] = gradRules.matmul(dy, ctx([true, false]));
      const [noA, onlyB] = gradRules.matmul(dy, ctx([false, true]));
      expect([noA, noB]).toEqual([null, null]);
      expect(onlyA!.arraySync()).toEqual(da!.arraySync());
      expect(onlyB!.arraySync()).toEqual(db!.arraySync());
    }
  });

  it('gather from a constant at connected indices records the op but computes no scatter', () => {
    const table = tensor([10, 20, 30]);
    const scores = variable(
      tensor([
        [0.1, 0.9, 0.2],
        [0.7, 0.1, 0.3],
      ]),
    );
    const runs = countKernels(['scatterAdd'], () =>
      variableGrads(() => sum(mul(gather(table, argMax(scores, 1)), sum(scores, 1))), [scores]),
    );
    expect(runs).toEqual({ scatterAdd: 0 });
  });

  it('finite differences still agree when only some inputs are sources', () => {
    const x = input([3, 4], 68);
    const w = input([4, 2], 69);
    const r = checkGradients((wv) => sum(mul(matmul(x, wv!), matmul(x, wv!))), [w]);
    expect(r.ok).toBe(true);
    expect(r.inputs[0]!.analytic.some((v) => Math.abs(v) > 1e-3)).toBe(true);
  });
});
