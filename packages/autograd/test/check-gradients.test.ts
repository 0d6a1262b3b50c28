import { describe, expect, it } from 'vitest';
import { add, mapUnary, memory, mul, sum, tensor, unaryFn } from '@rectify/tensor';
import { checkGradients } from '@rectify/autograd';

describe('checkGradients', () => {
  it('accepts a correct derivative and reports the numbers it compared', () => {
    const cube = unaryFn({ name: 'cube', f: (x) => x * x * x, df: (x) => 3 * x * x });
    const r = checkGradients((x) => mapUnary(x, cube), [tensor([-1, 0.5, 2])]);
    expect(r.ok).toBe(true);
    expect(r.maxError).toBeLessThan(1e-2);
    expect(r.inputs).toHaveLength(1);
    expect(r.inputs[0]!.numeric.length).toBe(3);
    const { analytic, numeric } = r.inputs[0]!;
    for (let i = 0; i < 3; i++)
      expect(Math.abs(analytic[i]! - numeric[i]!)).toBeLessThan(1e-2 * Math.max(1, Math.abs(numeric[i]!)));
    expect(r.message).toMatch(/^gradients match \(max error .* <= tol 0\.01\)$/);
  });

  it('catches a wrong derivative and names the input and element', () => {
    const wrong = unaryFn({ name: 'cubeWrong', f: (x) => x * x * x, df: (x) => 2 * x * x });
    const r = checkGradients((a, b) => add(a, mapUnary(b, wrong)), [tensor([1, 1]), tensor([0.1, 2])]);
    expect(r.ok).toBe(false);
    expect(r.inputs[0]!.maxError).toBeLessThan(1e-3);
    expect(r.inputs[1]!.worstIndex).toBe(1);
    expect(r.message).toMatch(
      /^gradient mismatch on input 1, element 1: analytic .*, numeric .* \(error .* > tol 0\.01\)$/,
    );
  });

  it('catches a gradient that is off only for some elements of a non-scalar output', () => {
    // Wrong only for x > 1: the random projection must still expose it.
    const kinked = unaryFn({ name: 'kinked', f: (x) => x * x, df: (x) => (x > 1 ? x : 2 * x) });
    expect(checkGradients((x) => mapUnary(x, kinked), [tensor([0.5, -1, 3])]).ok).toBe(false);
    expect(checkGradients((x) => mapUnary(x, kinked), [tensor([0.5, -1, 0.7])]).ok).toBe(true);
  });

  it('fails on NaN gradients instead of passing them', () => {
    const nanGrad = unaryFn({ name: 'nanGrad', f: (x) => x, df: () => NaN });
    const r = checkGradients((x) => mapUnary(x, nanGrad), [tensor([1, 2])]);
    expect(r.ok).toBe(false);
    expect(r.maxError).toBe(Infinity);
  });

  it('leaves no tensors behind and accepts plain arrays', () => {
    const before = memory().numTensors;
    expect(
      checkGradients(
        (x, y) => sum(mul(x, y)),
        [
          [1, 2],
          [3, 4],
        ],
      ).ok,
    ).toBe(true);
    expect(memory().numTensors).toBe(before);
  });

  it('a tighter tolerance can fail what a looser one passes', () => {
    const almost = unaryFn({ name: 'almost', f: (x) => x * x, df: (x) => 2 * x * 1.005 });
    expect(checkGradients((x) => mapUnary(x, almost), [tensor([2])], { tol: 0.05 }).ok).toBe(true);
    expect(checkGradients((x) => mapUnary(x, almost), [tensor([2])], { tol: 1e-3 }).ok).toBe(false);
  });
});
