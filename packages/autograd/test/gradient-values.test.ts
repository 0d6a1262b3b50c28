import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  clipByValue,
  gather,
  matmul,
  max,
  maximum,
  maxPool,
  minimum,
  mul,
  prod,
  softmax,
  sqrt,
  sum,
  tensor,
  where,
  avgPool,
  conv2d,
  relu,
} from './tensor-ops.js';
import { grad, grads } from '@rectify/autograd';
import { expectClose } from '@rectify/tensor/testing';

describe('hand-computed gradients', () => {
  it('d/dx sum(x²) = 2x, and a non-scalar output means d/dx sum(f(x))', () => {
    expect(grad((x) => sum(mul(x, x)))(tensor([1, -2, 3])).arraySync()).toEqual([2, -4, 6]);
    expect(grad((x) => mul(x, x))(tensor([1, -2, 3])).arraySync()).toEqual([2, -4, 6]);
  });

  it('an explicit dy weights the output', () => {
    expect(grad((x) => mul(x, x))(tensor([1, 2]), tensor([10, -1])).arraySync()).toEqual([20, -4]);
  });

  it('gradients of broadcast operands are summed over the broadcast axes', () => {
    const [gx, gb] = grads((x, b) => add(x, b))([
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      tensor([10, 20, 30]),
    ]);
    expect(gx!.arraySync()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(gb!.arraySync()).toEqual([2, 2, 2]);
    const [, gc] = grads((x, col) => mul(x, col))([
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      tensor([[1], [2]]),
    ]);
    expect(gc!.arraySync()).toEqual([[6], [15]]);
    const [, gs] = grads((x, s) => mul(x, s))([
      tensor([
        [1, 2],
        [3, 4],
      ]),
      tensor(5),
    ]);
    expect(gs!.arraySync()).toBe(10);
    expect(gs!.shape).toEqual([]);
  });

  it('matmul: dA = dY·Bᵀ and dB = Aᵀ·dY', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = tensor([
      [5, 6, 7],
      [8, 9, 10],
    ]);
    const [da, db] = grads((x, y) => matmul(x, y))([a, b]);
    expect(da!.arraySync()).toEqual([
      [18, 27],
      [18, 27],
    ]);
    expect(db!.arraySync()).toEqual([
      [4, 4, 4],
      [6, 6, 6],
    ]);
  });

  it('max splits the gradient evenly between ties (TensorFlow)', () => {
    expectClose(grad((x) => max(x))(tensor([3, 1, 3, 3])), [1 / 3, 0, 1 / 3, 1 / 3], 1e-7);
    expect(
      grad((x) => max(x, 1))(
        tensor([
          [1, 5],
          [7, 7],
        ]),
      ).arraySync(),
    ).toEqual([
      [0, 1],
      [0.5, 0.5],
    ]);
  });

  it('maximum and minimum send the gradient of a tie to the first operand', () => {
    const [gx, gy] = grads((x, y) => maximum(x, y))([tensor([1, 2, 3]), tensor([2, 2, 2])]);
    expect(gx!.arraySync()).toEqual([0, 1, 1]);
    expect(gy!.arraySync()).toEqual([1, 0, 0]);
    const [mx, my] = grads((x, y) => minimum(x, y))([tensor([1, 2, 3]), tensor([2, 2, 2])]);
    expect(mx!.arraySync()).toEqual([1, 1, 0]);
    expect(my!.arraySync()).toEqual([0, 0, 1]);
  });

  it("maxPool sends each window's gradient to its first maximum", () => {
    const x = tensor([5, 5, 1, 5], [1, 2, 2, 1]);
    expect(grad((t) => maxPool(t, 2, 2))(x).arraySync()).toEqual([
      [
        [[1], [0]],
        [[0], [0]],
      ],
    ]);
    const overlap = tensor([1, 9, 2, 3], [1, 2, 2, 1]);
    // 'same' 2×2 stride 1 pads after: windows {1,9,2,3} and {9,3} pick the 9; {2,3} and {3} pick the 3.
    expect(grad((t) => maxPool(t, 2, 1, 'same'))(overlap).arraySync()).toEqual([
      [
        [[0], [2]],
        [[0], [2]],
      ],
    ]);
  });

  it('avgPool spreads the gradient over the valid cells of each window', () => {
    const g = grad((t) => avgPool(t, 2, 2, 'same'))(tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]));
    expectClose(g, [0.25, 0.25, 0.5, 0.25, 0.25, 0.5, 0.5, 0.5, 1], 1e-7);
  });

  it('conv2d: the input gradient of a 1×1 convolution is dy·Wᵀ', () => {
    const w = tensor([[[[2, -1]]]]); // [1,1,1,2]
    const g = grad((x) => conv2d(x, w, 1, 'valid'))(tensor([1, 2, 3, 4], [1, 2, 2, 1]));
    expect(g.arraySync()).toEqual([
      [
        [[1], [1]],
        [[1], [1]],
      ],
    ]);
  });

  it('prod with zeros: the gradient is the product of the other entries', () => {
    expect(grad((x) => prod(x))(tensor([2, 0, 3])).arraySync()).toEqual([0, 6, 0]);
    expect(grad((x) => prod(x))(tensor([0, 0, 3])).arraySync()).toEqual([0, 0, 0]);
    expect(grad((x) => prod(x))(tensor([2, 4, 3])).arraySync()).toEqual([12, 6, 8]);
  });

  it('clip passes the gradient inside the range, bounds included, and blocks it outside', () => {
    expect(grad((x) => clipByValue(x, 0, 1))(tensor([-1, 0, 0.5, 1, 2])).arraySync()).toEqual([0, 1, 1, 1, 0]);
  });

  it('where routes the gradient to the chosen branch', () => {
    const c = tensor([true, false, true]);
    const [ga, gb] = grads((a, b) => where(c, a, b))([tensor([1, 2, 3]), tensor([4, 5, 6])]);
    expect(ga!.arraySync()).toEqual([1, 0, 1]);
    expect(gb!.arraySync()).toEqual([0, 1, 0]);
  });

  it('gather accumulates the gradient of repeated indices', () => {
    const g = grad((x) => gather(x, tensor([0, 2, 0, 0], undefined, 'int32')))(tensor([10, 20, 30]));
    expect(g.arraySync()).toEqual([3, 0, 1]);
  });

  it('softmax gradients sum to zero along the axis', () => {
    const g = grad((x) =>
      mul(
        softmax(x),
        tensor([
          [1, 2, 3],
          [0, 0, 5],
        ]),
      ),
    )(
      tensor([
        [0.1, 0.2, 0.3],
        [1, -1, 0],
      ]),
    );
    expectClose(sum(g, 1), [0, 0], 1e-6);
  });

  it('abs has gradient 0 at 0; sqrt has an infinite gradient at 0 (non-finite values are not errors)', () => {
    expect(grad((x) => abs(x))(tensor([-2, 0, 3])).arraySync()).toEqual([-1, 0, 1]);
    expect(grad((x) => sqrt(x))(tensor([0, 4])).arraySync()).toEqual([Infinity, 0.25]);
    expect(grad((x) => relu(x))(tensor([-1, 2])).arraySync()).toEqual([0, 1]);
  });

  it('a tensor used twice accumulates both paths', () => {
    expect(grad((x) => add(mul(x, x), mul(x, 3)))(tensor([2])).arraySync()).toEqual([7]);
  });
});
