import { describe, expect, it } from 'vitest';
import { checkGradients, grads, variable, variableGrads } from '@rectify/autograd';
import { DTypeError, ShapeError, mul, sum, tensor } from '@rectify/tensor';
import { get, prelu } from '@rectify/activations';

const X = [
  [-2, 1, -0.5],
  [3, -4, 0],
  [-1, -1, 2],
];
const DY = [
  [1, 2, 3],
  [-1, 0.5, 4],
  [2, -3, 1],
];
// `+ 0` turns the reference's −0 (a negative slope times 0) into the +0 the kernel gives; toEqual tells them apart.
const ref = (x: number, a: number) => (x > 0 ? x : a * x) + 0;

describe('prelu', () => {
  it('applies a shared slope', () => {
    expect(prelu(tensor(X), tensor(0.25)).arraySync()).toEqual(X.map((r) => r.map((x) => ref(x, 0.25))));
  });

  it('applies one slope per channel (the last axis)', () => {
    const alpha = [0.1, 0.5, -0.2];
    expect(prelu(tensor(X), tensor(alpha)).arraySync()).toEqual(
      X.map((r) => r.map((x, c) => Math.fround(ref(x, Math.fround(alpha[c]!))))),
    );
  });

  it('gives the gradient for x: 1 where x > 0, the slope elsewhere (the slope at x = 0)', () => {
    const alpha = [0.1, 0.5, -0.2];
    const [gx] = grads((x, a) => prelu(x, a))([tensor(X), tensor(alpha)], tensor(DY));
    expect(gx!.arraySync()).toEqual(
      X.map((r, i) => r.map((x, c) => Math.fround(DY[i]![c]! * (x > 0 ? 1 : alpha[c]!)))),
    );
  });

  it('sums the slope gradient over the whole tensor for a shared slope', () => {
    const [, ga] = grads((x, a) => prelu(x, a))([tensor(X), tensor(0.25)], tensor(DY));
    // Σ dy·min(x, 0) = 1·-2 + 3·-0.5 + 0.5·-4 + 2·-1 + -3·-1 = -4.5
    expect(ga!.shape).toEqual([]);
    expect(ga!.item()).toBe(-4.5);
  });

  it('sums the slope gradient over the batch only for per-channel slopes', () => {
    const [, ga] = grads((x, a) => prelu(x, a))([tensor(X), tensor([0.1, 0.5, -0.2])], tensor(DY));
    // channel 0: 1·-2 + 2·-1 = -4; channel 1: 0.5·-4 + -3·-1 = 1; channel 2: 3·-0.5 = -1.5
    expect(ga!.arraySync()).toEqual([-4, 1, -1.5]);
  });

  it('passes checkGradients for x and the slope together, shared and per channel, batched over two axes', () => {
    const x = tensor([
      [
        [-1.3, 0.7],
        [2.2, -0.4],
      ],
      [
        [-3.1, 1.9],
        [0.6, -2.5],
      ],
    ]);
    for (const alpha of [tensor(0.3), tensor([0.2, -0.1]), tensor([[0.2, 0.4]])]) {
      const r = checkGradients((xx, aa) => sum(mul(prelu(xx, aa), xx)), [x, alpha], { tol: 5e-3 });
      expect(r.ok, r.message).toBe(true);
    }
  });

  it('learns a slope held in a variable, as the layer will', () => {
    const alpha = variable(tensor([0.25, 0.25, 0.25]), true, 'prelu_alpha');
    const { grads: g } = variableGrads(() => sum(prelu(tensor(X), alpha)), [alpha]);
    expect(g.prelu_alpha!.arraySync()).toEqual([-3, -5, -0.5]);
  });

  it('rejects slopes that do not broadcast onto x, or would enlarge it', () => {
    expect(() => prelu(tensor(X), tensor([0.1, 0.2]))).toThrow(
      new ShapeError(
        "prelu: alpha of shape [2] must broadcast to x's shape [3,3] without enlarging it; pass a scalar (shared slope) or shape [3] (one slope per channel)",
      ),
    );
    expect(() => prelu(tensor([1, 2, 3]), tensor([[0.1, 0.2, 0.3]]))).toThrow(ShapeError);
    expect(() => prelu(tensor([1]), tensor([1], undefined, 'int32'))).toThrow(
      new DTypeError("prelu: 'alpha' must have dtype float32, received int32"),
    );
  });

  it('from the registry, keeps its slope at the initial value 0.25 (the learned slope lives in the layer)', () => {
    const act = get('prelu');
    expect(Array.from(act.apply(tensor([-4, 4])).dataSync())).toEqual([-1, 4]);
    expect(act.df(-1)).toBe(0.25);
    expect(act.recommendedInitializer).toBe('heNormal');
    expect(get({ name: 'prelu', alpha: 0.5 }).f(-2)).toBe(-1);
  });
});
