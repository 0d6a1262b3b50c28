import { describe, expect, it } from 'vitest';
import { grad } from '@rectify/autograd';
import { ShapeError, type Tensor, ValueError, memory, sum, tensor } from '@rectify/tensor';
import { activationStats, relu } from '@rectify/activations';

// Four samples of three units: unit 0 never fires, unit 1 fires half the time (and sits at 0 once), unit 2 always.
const X = [
  [-1, 2, 1],
  [-2, -1, 3],
  [-0.5, 0, 0.5],
  [-3, 4, 2],
];

const f32 = (xs: number[]) => Array.from(Float32Array.from(xs));
const sech2 = (x: number) => 1 / Math.cosh(x) ** 2;

/** Mean and population variance in float64. */
function moments(xs: number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [m, xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length];
}

describe('activationStats', () => {
  it('counts active, dead and saturated ReLU units and the output moments, per unit and overall', () => {
    const s = activationStats(tensor(X), 'relu');
    expect(s.activation).toBe('relu');
    expect([s.units, s.samples]).toEqual([3, 4]);
    expect(Array.from(s.perUnit.fractionActive)).toEqual([0, 0.5, 1]);
    expect(s.perUnit.dead).toEqual([true, false, false]);
    // relu'(x) = 0 for x <= 0, so the negative inputs and the exact 0 count as saturated.
    expect(Array.from(s.perUnit.fractionSaturated)).toEqual([1, 0.5, 0]);
    expect(Array.from(s.perUnit.mean)).toEqual(f32([0, 1.5, 1.625]));
    expect(Array.from(s.perUnit.variance)).toEqual(f32([0, 2.75, 0.921875]));
    expect(Array.from(s.perUnit.meanDerivative)).toEqual([0, 0.5, 1]);

    const outputs = X.flat().map((x) => Math.max(x, 0));
    const [mean, variance] = moments(outputs);
    expect(s.overall.fractionActive).toBe(0.5);
    expect(s.overall.deadUnits).toBe(1);
    expect(s.overall.deadFraction).toBeCloseTo(1 / 3, 15);
    expect(s.overall.fractionSaturated).toBe(0.5);
    expect(s.overall.mean).toBeCloseTo(mean, 6);
    expect(s.overall.variance).toBeCloseTo(variance, 6);
    expect(s.overall.meanDerivative).toBe(0.5);
  });

  it('for leakyRelu, active still means a positive output', () => {
    const s = activationStats(tensor(X), { name: 'leakyRelu', alpha: 0.1 });
    expect(Array.from(s.perUnit.fractionActive)).toEqual([0, 0.5, 1]);
    expect(s.perUnit.dead).toEqual([true, false, false]);
    expect(Array.from(s.perUnit.fractionSaturated)).toEqual([0, 0, 0]);
    expect(Array.from(s.perUnit.meanDerivative)).toEqual(f32([0.1, (1 + 0.1 + 0.1 + 1) / 4, 1]));
  });

  it('finds saturated tanh units: derivative below 1e-3 by default, or the threshold given', () => {
    const x = [
      [5, 0],
      [-6, 0.5],
      [8, -1],
      [-5.5, 4.5],
    ];
    const s = activationStats(tensor(x), 'tanh');
    expect(Array.from(s.perUnit.fractionSaturated)).toEqual([1, 0.25]);
    // For saturating activations, active means not saturated: unit 0 is stuck.
    expect(Array.from(s.perUnit.fractionActive)).toEqual([0, 0.75]);
    expect(s.perUnit.dead).toEqual([true, false]);
    const d = [0, 1].map((u) => x.reduce((a, r) => a + sech2(r[u]!), 0) / 4);
    expect(s.perUnit.meanDerivative[0]).toBeCloseTo(d[0]!, 9);
    expect(s.perUnit.meanDerivative[1]).toBeCloseTo(d[1]!, 6);

    const loose = activationStats(tensor(x), 'tanh', { saturationThreshold: 1e-4 });
    // sech²: 5 → 1.8e-4 and -5.5 → 6.7e-5, -6 → 2.5e-5, 8 → 4.5e-7
    expect(Array.from(loose.perUnit.fractionSaturated)).toEqual([0.75, 0]);
    expect(loose.perUnit.dead).toEqual([false, false]);
  });

  it('treats every axis but the last as batch', () => {
    const flat = activationStats(tensor(X), 'relu');
    const rank3 = activationStats(tensor([X.slice(0, 2), X.slice(2)]), 'relu');
    expect(rank3.samples).toBe(4);
    expect(Array.from(rank3.perUnit.fractionActive)).toEqual(Array.from(flat.perUnit.fractionActive));
    expect(Array.from(rank3.perUnit.variance)).toEqual(Array.from(flat.perUnit.variance));
  });

  it('works for a plain function, whose derivative comes from autograd', () => {
    const s = activationStats(tensor(X), (x: Tensor) => relu(x));
    expect(Array.from(s.perUnit.fractionActive)).toEqual([0, 0.5, 1]);
    expect(Array.from(s.perUnit.meanDerivative)).toEqual([0, 0.5, 1]);
  });

  it('uses the Jacobian diagonal for softmax', () => {
    const s = activationStats(
      tensor([
        [0, 0],
        [0, 0],
      ]),
      'softmax',
    );
    expect(Array.from(s.perUnit.mean)).toEqual([0.5, 0.5]);
    expect(Array.from(s.perUnit.meanDerivative)).toEqual([0.25, 0.25]);
    expect(s.overall.fractionActive).toBe(1);
  });

  it('leaves no tensor behind and does not disturb a gradient being recorded around it', () => {
    const x = tensor(X);
    const before = memory().numTensors;
    activationStats(x, 'gelu');
    expect(memory().numTensors).toBe(before);
    const g = grad((t) => {
      activationStats(t, 'relu');
      return sum(relu(t));
    })(x);
    expect(g.arraySync()).toEqual(X.map((r) => r.map((v) => (v > 0 ? 1 : 0))));
  });

  it('accepts int32 pre-activations', () => {
    const s = activationStats(tensor([[1, -1]], undefined, 'int32'), 'relu');
    expect(Array.from(s.perUnit.fractionActive)).toEqual([1, 0]);
  });

  it('rejects scalars, empty batches and bad thresholds with clear messages', () => {
    expect(() => activationStats(tensor(1), 'relu')).toThrow(
      new ShapeError('activationStats: preActivations must have rank >= 1 (units on the last axis), received shape []'),
    );
    expect(() => activationStats(tensor([], [0, 3]), 'relu')).toThrow(
      new ShapeError('activationStats: preActivations must hold at least one sample of one unit, received shape [0,3]'),
    );
    expect(() => activationStats(tensor(X), 'relu', { saturationThreshold: 0 })).toThrow(
      new ValueError('activationStats: saturationThreshold must be a positive finite number, received 0'),
    );
    expect(() => activationStats(tensor(X), 'rleu')).toThrow(
      /^activations\.get: unknown activation 'rleu'; known: celu, elu, /,
    );
  });
});
