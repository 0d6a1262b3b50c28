import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError, tensor } from '@rectify/tensor';
import { checkGradients, grad } from '@rectify/autograd';
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  getLoss,
  huber,
  lossFactories,
  meanAbsoluteError,
  sparseCategoricalCrossentropy,
} from '../src/losses/index.js';

/** Keras' mean squared error object (the bare name `meanSquaredError` is tfjs' function). */
const meanSquaredError = lossFactories.meanSquaredError;

// float64 references, written from the definitions.
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const logSumExp = (xs: number[]): number => {
  const m = Math.max(...xs);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
};
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const clipP = (p: number): number => Math.min(Math.max(p, 1e-7), 1 - 1e-7);

const expectClose = (actual: number, expected: number, rel = 1e-5): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
};

describe('regression losses', () => {
  const yTrue = [
    [1, -2],
    [0.5, 3],
  ];
  const yPred = [
    [1.5, -2],
    [-1, 7],
  ];
  const errs = yTrue.map((r, i) => r.map((t, j) => t - yPred[i]![j]!));
  it('meanSquaredError', () => {
    expectClose(
      meanSquaredError()(tensor(yTrue), tensor(yPred)).item(),
      mean(errs.map((r) => mean(r.map((e) => e * e)))),
    );
    expect(Array.from(meanSquaredError().perSample(tensor(yTrue), tensor(yPred)).dataSync())).toEqual([
      0.125,
      (2.25 + 16) / 2,
    ]);
  });
  it('meanAbsoluteError', () => {
    expectClose(meanAbsoluteError()(tensor(yTrue), tensor(yPred)).item(), mean(errs.map((r) => mean(r.map(Math.abs)))));
  });
  it('huber is quadratic inside delta and linear outside', () => {
    const h = (e: number, d: number): number => (Math.abs(e) <= d ? 0.5 * e * e : d * (Math.abs(e) - 0.5 * d));
    for (const d of [1, 2.5]) {
      expectClose(
        huber({ delta: d })(tensor(yTrue), tensor(yPred)).item(),
        mean(errs.map((r) => mean(r.map((e) => h(e, d))))),
      );
    }
  });
  it('aligns a rank-1 target with a [batch, 1] prediction and rejects mismatches', () => {
    expectClose(meanSquaredError()(tensor([1, 2]), tensor([[0], [0]])).item(), 2.5);
    expect(() => meanSquaredError()(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(
      new ShapeError('meanSquaredError: yTrue shape [1,2] does not match yPred shape [1,3]'),
    );
  });
  it('weights examples with sampleWeight (Σ lᵢwᵢ / N)', () => {
    expectClose(meanSquaredError()(tensor([[0], [0]]), tensor([[1], [2]]), tensor([1, 0.5])).item(), (1 + 2) / 2);
  });
});

describe('binaryCrossentropy', () => {
  const z = [1, 0, 1, 0, 1, 0];
  const logits = [0.3, -2, 1e4, 1e4, -1e4, -50];
  it('from logits matches softplus(x) − z·x, finite at ±1e4', () => {
    const ref = mean(z.map((zi, i) => softplus(logits[i]!) - zi * logits[i]!));
    const got = binaryCrossentropy({ fromLogits: true })(tensor([z]), tensor([logits])).item();
    expect(Number.isFinite(got)).toBe(true);
    expectClose(got, ref);
  });
  it('from probabilities clips p and 1 − p to [1e-7, 1 − 1e-7]', () => {
    const p = [0.8, 0.1, 1, 1, 0, 0.5];
    const ref = mean(z.map((zi, i) => -(zi * Math.log(clipP(p[i]!)) + (1 - zi) * Math.log(clipP(1 - p[i]!)))));
    expectClose(binaryCrossentropy()(tensor([z]), tensor([p])).item(), ref, 1e-4);
  });
  it('label smoothing pulls targets toward ½', () => {
    const x = 2;
    const zs = 1 * 0.8 + 0.1;
    expectClose(
      binaryCrossentropy({ fromLogits: true, labelSmoothing: 0.2 })(tensor([[1]]), tensor([[x]])).item(),
      softplus(x) - zs * x,
    );
  });
  it('has the gradient σ(x) − z, exact even for huge logits', () => {
    const g = grad((x) => binaryCrossentropy({ fromLogits: true })(tensor([[1, 0]]), x))(tensor([[-1e4, 3]]));
    const s3 = 1 / (1 + Math.exp(-3));
    expect(Array.from(g.dataSync()).map((v) => Number(v.toFixed(6)))).toEqual([-0.5, Number((s3 / 2).toFixed(6))]);
  });
});

describe('categorical crossentropies', () => {
  const logits = [
    [2, -1, 0.5],
    [1e4, 0, -1e4],
    [-3, -3, -3],
  ];
  const labels = [0, 2, 1];
  const oneHot = labels.map((l) => [0, 1, 2].map((c) => (c === l ? 1 : 0)));
  const refLogits = mean(logits.map((row, i) => logSumExp(row) - row[labels[i]!]!));
  it('categorical from logits uses logSoftmax: exact at ±1e4', () => {
    const got = categoricalCrossentropy({ fromLogits: true })(tensor(oneHot), tensor(logits)).item();
    expectClose(got, refLogits);
    expect(got).toBeGreaterThan(2e4 / 3);
  });
  it('sparse from logits equals categorical on one-hot targets', () => {
    expectClose(sparseCategoricalCrossentropy({ fromLogits: true })(tensor(labels), tensor(logits)).item(), refLogits);
    expectClose(
      sparseCategoricalCrossentropy({ fromLogits: true })(tensor(labels.map((l) => [l])), tensor(logits)).item(),
      refLogits,
    );
  });
  it('from probabilities renormalises and clips', () => {
    const probs = [
      [0.7, 0.2, 0.1],
      [1, 0, 0],
      [0.2, 0.2, 0.2],
    ];
    const ref = mean(
      probs.map((row, i) => {
        const s = row.reduce((a, b) => a + b, 0);
        return -Math.log(clipP(row[labels[i]!]! / s));
      }),
    );
    expectClose(categoricalCrossentropy()(tensor(oneHot), tensor(probs)).item(), ref, 1e-4);
    expectClose(sparseCategoricalCrossentropy()(tensor(labels), tensor(probs)).item(), ref, 1e-4);
  });
  it('label smoothing mixes in the uniform distribution', () => {
    const row = [2, -1, 0.5];
    const lse = logSumExp(row);
    const zs = [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3];
    const ref = zs.reduce((s, zc, c) => s + zc * (lse - row[c]!), 0);
    expectClose(
      categoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 })(tensor([[1, 0, 0]]), tensor([row])).item(),
      ref,
    );
  });
  it('averages per-token losses of a sequence into one value per example', () => {
    const seq = [
      [
        [1, 0],
        [0, 0],
      ],
      [
        [0, 3],
        [2, 2],
      ],
    ];
    const lbl = [
      [0, 1],
      [1, 0],
    ];
    const per = sparseCategoricalCrossentropy({ fromLogits: true }).perSample(tensor(lbl), tensor(seq));
    const tok = (r: number[], l: number): number => logSumExp(r) - r[l]!;
    const ref = seq.map((s, i) => mean(s.map((r, t) => tok(r, lbl[i]![t]!))));
    Array.from(per.dataSync()).forEach((v, i) => expectClose(v, ref[i]!));
  });
  it('gradient of categorical-from-logits is softmax − z (checked by finite differences)', () => {
    const f = (x: Parameters<ReturnType<typeof categoricalCrossentropy>>[1]) =>
      categoricalCrossentropy({ fromLogits: true })(tensor([[0, 1, 0]]), x);
    const r = checkGradients(f, [tensor([[0.2, -0.4, 1.1]])], { eps: 1e-2, tol: 1e-2 });
    expect(r.ok, r.message).toBe(true);
  });
  it('rejects labels outside [0, C) and of the wrong shape', () => {
    const scce = sparseCategoricalCrossentropy({ fromLogits: true });
    expect(() =>
      scce(
        tensor([0, 3]),
        tensor([
          [1, 2, 3],
          [1, 2, 3],
        ]),
      ),
    ).toThrow(
      new ValueError('sparseCategoricalCrossentropy: labels must be integers in [0, 3), received 3 at index 1'),
    );
    expect(() => scce(tensor([0.5]), tensor([[1, 2]]))).toThrow(
      'sparseCategoricalCrossentropy: labels must be integers in [0, 2), received 0.5 at index 0',
    );
    expect(() => scce(tensor([[0, 1]]), tensor([[1, 2]]))).toThrow(
      'sparseCategoricalCrossentropy: yTrue shape [1,2] must be [1] (class indices) for yPred shape [1,2]',
    );
  });
});

describe('loss registry', () => {
  it('finds canonical names, Keras snake_case spellings and short aliases', () => {
    expect(Object.keys(lossFactories)).toHaveLength(6);
    expect(getLoss('mse').name).toBe('meanSquaredError');
    expect(getLoss('MAE').name).toBe('meanAbsoluteError');
    expect(getLoss('categorical_crossentropy').name).toBe('categoricalCrossentropy');
    expect(getLoss('SparseCategoricalCrossentropy').name).toBe('sparseCategoricalCrossentropy');
    expect(getLoss('huber_loss').name).toBe('huber');
    expect(getLoss({ className: 'binaryCrossentropy', config: { fromLogits: true } }).fromLogits).toBe(true);
  });
  it('wraps a custom function, averaging it per example', () => {
    const l = getLoss(function absDiff(t, p) {
      return meanAbsoluteError().perSample(t, p);
    });
    expect(l.name).toBe('absDiff');
    expectClose(l(tensor([1, 2]), tensor([2, 4])).item(), 1.5);
  });
  it('names what it knows when a name is unknown', () => {
    expect(() => getLoss('hinge')).toThrow(
      'getLoss: unknown loss "hinge"; known losses: meanSquaredError, meanAbsoluteError, huber, binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy (aliases: mse, mae, huberloss)',
    );
    expect(() => huber({ delta: 0 })).toThrow('huber: delta must be a positive number, received 0');
  });
});
