/**
 * The claims made for activations and initializers, reproduced on deep networks built from tensor ops
 * (matmul + bias + activation), with fixed seeds. Widths and batch are 256: enough samples that the statistics
 * below are stable to a few percent, small enough that the file runs in a few seconds.
 *
 * Thresholds come from the theory each claim rests on, stated beside each test, not from the measured values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Tensor, add, matmul, randomNormal, tensor, tidy } from '@rectify/tensor';
import { grads } from '@rectify/autograd';
import * as initializers from '@rectify/initializers';
import { activationStats, activations, relu, selu, sigmoid } from '@rectify/activations';

const WIDTH = 256;
const BATCH = 256;
const DEPTH = 20;

type Act = (x: Tensor) => Tensor;

interface Moments {
  readonly mean: number;
  readonly variance: number;
  /** E[x²], the second moment about 0. */
  readonly meanSquare: number;
}

/** Float64 moments over every element, computed on the host so that tiny values do not underflow. */
function moments(t: Tensor): Moments {
  const v = t.dataSync();
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < v.length; i++) {
    sum += v[i]!;
    squares += v[i]! * v[i]!;
  }
  const mean = sum / v.length;
  return { mean, variance: squares / v.length - mean * mean, meanSquare: squares / v.length };
}

/** DEPTH square kernels from one initializer; each layer gets its own per-call seed. */
function kernels(init: initializers.Initializer, seed: number): Tensor[] {
  return Array.from({ length: DEPTH }, (_, l) => init.apply([WIDTH, WIDTH], { seed: seed + l }));
}

const bias = initializers.zeros().apply([WIDTH]);

/** h ← act(h·W + b) through every layer; returns the output. */
function forward(x: Tensor, weights: readonly Tensor[], act: Act): Tensor {
  return weights.reduce((h, w) => act(add(matmul(h, w), bias)), x);
}

/** The moments of every layer's pre-activations and outputs. */
function trace(x: Tensor, weights: readonly Tensor[], act: Act): { pre: Moments[]; post: Moments[] } {
  const pre: Moments[] = [];
  const post: Moments[] = [];
  tidy(() => {
    let h = x;
    for (const w of weights) {
      const z = add(matmul(h, w), bias);
      h = act(z);
      pre.push(moments(z));
      post.push(moments(h));
    }
  });
  return { pre, post };
}

const input = randomNormal([BATCH, WIDTH], 0, 1, 'float32', 2024);
const inputVariance = moments(input).variance;

describe('(a) He initialisation keeps the signal through 20 Dense+ReLU layers; a small normal one kills it', () => {
  // He et al. 2015: with Var[w] = 2/fanIn, Var[y_l] = ½·fanIn·Var[w]·Var[y_(l−1)] = Var[y_(l−1)] for the
  // pre-activations y, and the outputs' second moment E[h_l²] = ½·Var[y_l] stays equal to the input's (its variance,
  // as the input has mean 0). The outputs' centred variance is only (1 − 1/π) ≈ 0.68 of their second moment for
  // ReLU, so the preserved quantity is the second moment.
  // At finite width the log of the ratio random-walks (Hanin 2018: variance ≈ 5·depth/width for one input); across
  // seeds one 256-wide, 20-deep network has a log-ratio std of ≈ 0.45, leaving a factor-2 band ~1 time in 10. So we
  // assert each of 4 independent networks within a factor of 4 (≈ 3σ) and their geometric mean, whose log-std is
  // ≈ 0.22, within a factor of 2 (≈ 3σ).
  const NETWORKS = 4;
  const preRatios: number[] = [];
  const outRatios: number[] = [];
  beforeAll(() => {
    for (let k = 0; k < NETWORKS; k++) {
      const { pre, post } = trace(input, kernels(initializers.heNormal(), 1000 + 100 * k), relu);
      preRatios.push(pre[DEPTH - 1]!.variance / pre[0]!.variance);
      outRatios.push(post[DEPTH - 1]!.meanSquare / inputVariance);
    }
  });
  const geometricMean = (xs: readonly number[]): number =>
    Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  const expectWithinFactor = (x: number, factor: number): void => {
    expect(x).toBeGreaterThan(1 / factor);
    expect(x).toBeLessThan(factor);
  };

  it('keeps the pre-activation variance of layer 20 within a factor of 2 of layer 1', () => {
    for (const r of preRatios) expectWithinFactor(r, 4);
    expectWithinFactor(geometricMean(preRatios), 2);
  });

  it("keeps the output's second moment within a factor of 2 of the input's variance", () => {
    for (const r of outRatios) expectWithinFactor(r, 4);
    expectWithinFactor(geometricMean(outRatios), 2);
  });

  it('with randomNormal(stddev 0.01) the signal collapses by dozens of orders of magnitude, as predicted', () => {
    // Each layer multiplies E[h²] by ½·fanIn·σ² = ½·256·1e-4 = 0.0128; after 20 layers 0.0128²⁰ ≈ 1.4e-38.
    const small = trace(input, kernels(initializers.randomNormal({ stddev: 0.01 }), 2000), relu);
    const ratio = small.post[DEPTH - 1]!.meanSquare / inputVariance;
    expect(ratio).toBeLessThan(1e-6);
    const predicted = (0.5 * WIDTH * 0.01 ** 2) ** DEPTH;
    expect(ratio / predicted).toBeGreaterThan(0.1);
    expect(ratio / predicted).toBeLessThan(10);
    expect(small.pre[DEPTH - 1]!.variance / small.pre[0]!.variance).toBeLessThan(1e-6);
  });
});

describe('(b) gradients vanish through 20 sigmoid layers but not through the same ReLU network', () => {
  // Same He kernels, same input; L = Σ of the outputs. In the mean-field approximation each layer multiplies the
  // backward gradient's second moment by fanIn·Var[w]·E[act'(y)²]: for ReLU 2·½ = 1, for the sigmoid at most
  // 2·(¼)² = 1/8 since σ' ≤ ¼ — over 19 layers ≤ 8⁻¹⁹ ≈ 1e-17, ≈ 3e-9 in norm. "Orders of magnitude" is asserted
  // as < 1e-3; "does not collapse" for ReLU as within two orders of magnitude of its last layer.
  const gradNorms = (weights: readonly Tensor[], act: Act): { first: number; last: number } =>
    tidy(() => {
      const gs = grads((...ws: Tensor[]) => forward(input, ws, act))(weights);
      const norm = (g: Tensor): number => Math.sqrt(moments(g).meanSquare * g.size);
      return { first: norm(gs[0]!), last: norm(gs[DEPTH - 1]!) };
    });
  let withRelu = { first: NaN, last: NaN };
  let withSigmoid = { first: NaN, last: NaN };
  beforeAll(() => {
    const weights = kernels(initializers.heNormal(), 3000);
    withRelu = gradNorms(weights, relu);
    withSigmoid = gradNorms(weights, sigmoid);
  });

  it('first-layer gradient norm: sigmoid < 1e-3 × ReLU', () => {
    expect(Number.isFinite(withRelu.first) && withRelu.first > 0).toBe(true);
    expect(withSigmoid.first).toBeLessThan(1e-3 * withRelu.first);
  });

  it('the sigmoid gradient shrinks from the last layer to the first; the ReLU one does not collapse', () => {
    expect(withSigmoid.first).toBeLessThan(1e-3 * withSigmoid.last);
    expect(withRelu.first).toBeGreaterThan(1e-2 * withRelu.last);
  });
});

describe('(c) SELU with lecunNormal self-normalises', () => {
  // Klambauer et al. 2017: with Var[w] = 1/fanIn, (mean, variance) = (0, 1) is an attracting fixed point of the SELU
  // layer map; they prove contraction on mean ∈ [−0.1, 0.1], variance ∈ [0.8, 1.5]. We assert the tighter
  // |mean| < 0.1, |variance − 1| < 0.2 after 20 layers from a standard normal input.
  it('keeps mean ≈ 0 and variance ≈ 1 after 20 layers', () => {
    const out = trace(input, kernels(initializers.lecunNormal(), 4000), selu).post[DEPTH - 1]!;
    expect(Math.abs(out.mean)).toBeLessThan(0.1);
    expect(Math.abs(out.variance - 1)).toBeLessThan(0.2);
  });

  it('the same network with ReLU does not: its variance halves at every layer', () => {
    // E[h²] is multiplied by ½·fanIn·(1/fanIn) = ½ per layer: 2⁻²⁰ ≈ 1e-6.
    const out = trace(input, kernels(initializers.lecunNormal(), 4000), relu).post[DEPTH - 1]!;
    expect(out.variance).toBeLessThan(1e-3);
  });
});

describe('(d) activationStats finds the dead units of a layer with very negative biases', () => {
  const units = 64;
  const deadMask = Array.from({ length: units }, (_, j) => j % 4 === 0);
  const kernel = initializers.heNormal({ seed: 5000 }).apply([WIDTH, units]);
  // Pre-activations have std ≈ √2 here; a bias of −100 is ~70 standard deviations below zero: never active.
  const negativeBias = tensor(deadMask.map((dead) => (dead ? -100 : 0)));
  const preActivations = add(matmul(input, kernel), negativeBias);

  it('flags exactly the units whose bias is −100', () => {
    const stats = activationStats(preActivations, 'relu');
    expect(stats.perUnit.dead).toEqual(deadMask);
    expect(stats.overall.deadUnits).toBe(units / 4);
    expect(stats.overall.deadFraction).toBe(0.25);
  });

  it('counts the live units as active about half the time (zero bias, symmetric input)', () => {
    // 48 live units × 256 samples, each active with probability ½: overall 0.75·0.5 = 0.375.
    const stats = activationStats(preActivations, 'relu');
    expect(Math.abs(stats.overall.fractionActive - 0.375)).toBeLessThan(0.03);
  });

  it('finds no dead unit when the biases are zero', () => {
    const healthy = activationStats(matmul(input, kernel), 'relu');
    expect(healthy.overall.deadUnits).toBe(0);
    expect(healthy.perUnit.dead.every((d: boolean) => !d)).toBe(true);
  });
});

describe('every activation recommends an initializer that @rectify/initializers provides', () => {
  it.each(Object.values(activations))('$name → $recommendedInitializer', (definition) => {
    const init = initializers.get(definition.recommendedInitializer);
    expect(init.name).toBe(definition.recommendedInitializer);
    expect(init.apply([4, 4], { seed: 1 }).shape).toEqual([4, 4]);
  });
});
