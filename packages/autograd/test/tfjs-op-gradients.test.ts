import { describe, expect, it } from 'vitest';
import {
  type Tensor,
  acos,
  asin,
  atan,
  atan2,
  atanh,
  cosh,
  cumprod,
  cumsum,
  divNoNan,
  dot,
  einsum,
  erf,
  image,
  logSigmoid,
  mul,
  norm,
  reverse,
  sinh,
  square,
  stridedSlice,
  sum,
  tan,
  tensor,
  topk,
} from '@rectify/tensor';
import {
  type GradSaveFunc,
  checkGradients,
  customGrad,
  grad,
  grads,
  valueAndGrad,
  variable,
  variableGrads,
} from '@rectify/autograd';

const x = tensor([
  [0.3, -0.7, 0.5],
  [0.9, -0.2, 0.4],
]);
const y = tensor([
  [1.2, 0.4],
  [-0.5, 0.8],
  [0.3, -1.1],
]);

function expectOk(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const r = checkGradients(f, inputs, { eps: 1e-3, tol: 2e-2 });
  expect(r.ok, r.message).toBe(true);
}

describe('gradients of the ops added for TensorFlow.js (finite differences)', () => {
  it.each([
    ['tan', tan],
    ['asin', asin],
    ['acos', acos],
    ['atan', atan],
    ['sinh', sinh],
    ['cosh', cosh],
    ['atanh', atanh],
    ['erf', erf],
    ['logSigmoid', logSigmoid],
  ])('%s', (_name, op) => expectOk((a) => op(a), [x]));

  it('atan2 and divNoNan', () => {
    expectOk(
      (a, b) => atan2(a, b),
      [
        x,
        tensor([
          [1, 2, -1],
          [0.5, 3, -2],
        ]),
      ],
    );
    expectOk(
      (a, b) => divNoNan(a, b),
      [
        x,
        tensor([
          [1, 2, -1],
          [0.5, 3, -2],
        ]),
      ],
    );
  });

  it('dot, norm, einsum', () => {
    expectOk((a, b) => dot(a, b), [x, y]);
    expectOk((a) => dot(a, tensor([1, 2, 3])), [x]);
    expectOk((a) => norm(a), [x]);
    expectOk((a) => norm(a, 1, 1), [x]);
    expectOk((a) => norm(a, Infinity, [0, 1]), [x]);
    expectOk((a) => norm(a, 3, 0), [x]);
    expectOk((a, b) => einsum('ij,jk->ki', a, b), [x, y]);
    expectOk((a) => einsum('ij,ij->i', a, a), [x]);
    expectOk((a, b) => einsum('i,j->ij', a, b), [tensor([1, 2]), tensor([3, -1, 0.5])]);
  });

  it('cumsum, cumprod, reverse, stridedSlice, topk values, resizeBilinear', () => {
    expectOk((a) => cumsum(a, 1, true, true), [x]);
    expectOk((a) => cumprod(a, 1), [x]);
    expectOk((a) => cumprod(a, 0, true, true), [x]);
    expectOk((a) => reverse(a), [x]);
    expectOk((a) => stridedSlice(a, [1, 2], [0, 0], [-1, -2], 1), [x]);
    expectOk((a) => topk(a, 2).values, [x]);
    expectOk(
      (a) => image.resizeBilinear(a, [3, 4], false, true),
      [
        tensor([
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
          [
            [0, 1],
            [1, 0],
          ],
        ]),
      ],
    );
    expectOk(
      (a) => image.resizeNearestNeighbor(a, [3, 1]),
      [
        tensor([
          [[1], [2]],
          [[3], [4]],
        ]),
      ],
    );
  });
});

describe('customGrad (TensorFlow.js semantics)', () => {
  it('uses the gradient function given: a clipped gradient', () => {
    const clipped = customGrad((a: Tensor, save: GradSaveFunc) => {
      save([a]);
      return { value: square(a), gradFunc: (dy: Tensor, [s]: Tensor[]) => [mul(dy, mul(s!, 2)).clipByValue(-1, 1)] };
    });
    expect(clipped(tensor([3])).dataSync()[0]).toBe(9);
    expect(Array.from(grad((a) => clipped(a))(tensor([3, 0.25, -2])).dataSync())).toEqual([1, 0.5, -1]);
  });

  it('passes dy through and gives one gradient per input (a single tensor for one input is accepted)', () => {
    const f = customGrad((a: Tensor, b: Tensor) => ({
      value: mul(a, b),
      gradFunc: (dy: Tensor) => [mul(dy, 10), mul(dy, 20)],
    }));
    const [ga, gb] = grads((a, b) => sum(f(a, b)))([tensor([1, 2]), tensor([3, 4])]);
    expect(Array.from(ga!.dataSync())).toEqual([10, 10]);
    expect(Array.from(gb!.dataSync())).toEqual([20, 20]);
    const g = customGrad((a: Tensor) => ({ value: a.exp(), gradFunc: (dy: Tensor) => dy }));
    expect(Array.from(grad((a) => g(a))(tensor([5])).dataSync())).toEqual([1]);
  });

  it('tells gradFunc which inputs need a gradient; those that need none may get null', () => {
    const seen: boolean[][] = [];
    const f = customGrad((a: Tensor, b: Tensor) => ({
      value: mul(a, b),
      gradFunc: (dy: Tensor, _saved: Tensor[], needs: readonly boolean[]) => {
        seen.push([...needs]);
        return [needs[0] ? mul(dy, 10) : null, needs[1] ? mul(dy, 20) : null];
      },
    }));
    const data = tensor([3, 4]);
    // Only a is differentiated: b is data, its gradient is never computed.
    expect(Array.from(grad((a: Tensor) => sum(f(a, data)))(tensor([1, 2])).dataSync())).toEqual([10, 10]);
    expect(seen).toEqual([[true, false]]);
    const [ga, gb] = grads((a: Tensor, b: Tensor) => sum(f(a, b)))([tensor([1, 2]), data]);
    expect([...ga!.dataSync(), ...gb!.dataSync()]).toEqual([10, 10, 20, 20]);
    expect(seen[1]).toEqual([true, true]);
    const lazy = customGrad((a: Tensor) => ({ value: a.square(), gradFunc: () => [null] as never }));
    expect(() => grad((a) => lazy(a))(tensor([1]))).toThrow(
      /gradient 0 must have the shape of input 0, \[1\]; received null/,
    );
  });

  it('explains a malformed function or gradient', () => {
    expect(() => customGrad(5 as never)).toThrow(/customGrad: f must be a function/);
    const bad = customGrad((a: Tensor) => ({ value: a }) as never);
    expect(() => bad(tensor([1]))).toThrow(/must return \{ value: Tensor, gradFunc: Function \}/);
    const twoGrads = customGrad((a: Tensor) => ({ value: a.square(), gradFunc: (dy: Tensor) => [dy, dy] }));
    expect(() => grad((a) => twoGrads(a))(tensor([1]))).toThrow(/one gradient per input \(1\), received 2/);
    const wrongShape = customGrad((a: Tensor) => ({ value: a.square(), gradFunc: () => [tensor([1, 2])] }));
    expect(() => grad((a) => wrongShape(a))(tensor([1]))).toThrow(
      /gradient 0 must have the shape of input 0, \[1\]; received shape \[2\]/,
    );
  });
});

describe("autograd's functions have TensorFlow.js's signatures", () => {
  it('grad, grads, valueAndGrad, variableGrads', () => {
    expect(Array.from(grad((a: Tensor) => a.square())([3]).dataSync())).toEqual([6]);
    expect(Array.from(grad((a: Tensor) => a.square())(tensor([3]), tensor([2])).dataSync())).toEqual([12]);
    expect(Array.from(grad((a: Tensor) => a.square())([3], [2]).dataSync())).toEqual([12]); // dy as a plain array, as tfjs
    expect(grads((a: Tensor, b: Tensor) => a.mul(b))([[2], [5]], [3]).map((g) => g.dataSync()[0])).toEqual([15, 6]);
    const { value, grad: g } = valueAndGrad((a: Tensor) => a.square().sum())(tensor([1, 2]));
    expect([value.item(), ...g.dataSync()]).toEqual([5, 2, 4]);
    const w = variable(tensor([2]), true, 'tfjs-sig-w');
    const r = variableGrads(() => w.square().sum(), [w]);
    expect(r.grads['tfjs-sig-w']!.dataSync()[0]).toBe(4);
    w.dispose();
  });
});
