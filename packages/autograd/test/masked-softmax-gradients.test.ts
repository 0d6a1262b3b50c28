import { describe, expect, it } from 'vitest';
import { engine, exp, logSoftmax, maskedSoftmax, matmul, mul, sum, tensor, type Tensor, where } from '@rectify/tensor';
import { checkGradients, grad } from '@rectify/autograd';
import { expectClose, input } from '@rectify/tensor/testing';

/** The attention weights as they were composed before the fused kernel. */
const composed = (x: Tensor, scale: number, mask: Tensor) => exp(logSoftmax(where(mask, mul(x, scale), -1e9)));

describe('maskedSoftmax gradient', () => {
  it('matches finite differences: plain, scaled, causal, masked, rows that see nothing', () => {
    const x = input([2, 4, 5], 21);
    const mask = input([2, 1, 5], 22, 'bool');
    const cases: Array<(t: Tensor) => Tensor> = [
      (t) => maskedSoftmax(t),
      (t) => maskedSoftmax(t, { scale: 0.35 }),
      (t) => maskedSoftmax(t, { causal: true, scale: 0.5 }),
      (t) => maskedSoftmax(t, { causal: true, causalOffset: -2 }),
      (t) => maskedSoftmax(t, { mask, causal: true, causalOffset: 1, scale: 2 }),
    ];
    for (const f of cases) {
      const r = checkGradients(f, [x], { tol: 2e-3 });
      expect(r.ok, r.message).toBe(true);
    }
  });

  it('equals the gradient of the −1e9 composition, 0 on masked keys and on rows that see none', () => {
    const x = input([3, 4, 4], 23);
    const mask = tensor([
      [true, false, true, true],
      [false, false, false, false],
      [true, true, false, true],
      [true, true, true, true],
    ]);
    const dy = input([3, 4, 4], 24);
    const fused = grad((t) => maskedSoftmax(t, { mask, scale: 0.6 }))(x, dy);
    expectClose(fused, grad((t) => composed(t, 0.6, mask))(x, dy), 1e-5);
    const g = fused.arraySync() as number[][][];
    for (const row of g) {
      expect(row[1]).toEqual([0, 0, 0, 0]);
      expect(row[0]![1]).toBe(0);
    }
  });

  it('the tape keeps the weights, not the logits: freeing the scores frees their buffer before backward', () => {
    const a = input([8, 16], 25);
    const b = input([16, 64], 26);
    let freed = -1;
    grad((t) => {
      const scores = matmul(t, b);
      const y = maskedSoftmax(scores, { causal: true });
      const before = engine.getBackend().memory().numBytes;
      scores.dispose();
      freed = before - engine.getBackend().memory().numBytes;
      return sum(y);
    })(a);
    expect(freed).toBe(8 * 64 * 4);
  });
});
