import { describe, expect, it } from 'vitest';
import { tensor } from '@rectify/tensor';
import { getLoss } from '../src/losses/index.js';
import {
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  getMetric,
  meanAbsoluteError,
  meanSquaredError,
  precision,
  recall,
  sparseCategoricalAccuracy,
} from '../src/metrics/index.js';

describe('accuracy metrics', () => {
  it('binaryAccuracy thresholds and accumulates over batches by example count', () => {
    const m = binaryAccuracy();
    m.update(tensor([[1], [0], [1]]), tensor([[0.9], [0.7], [0.4]])); // 1 of 3
    m.update(tensor([[0]]), tensor([[0.1]])); // 1 of 1
    expect(m.result()).toBeCloseTo(2 / 4, 12);
    m.reset();
    expect(m.result()).toBe(0);
    const logits = binaryAccuracy({ threshold: 0 });
    logits.update(tensor([1, 0]), tensor([0.1, -3]));
    expect(logits.result()).toBe(1);
  });
  it('categorical and sparse accuracy compare argmax positions', () => {
    const probs = tensor([
      [0.1, 0.7, 0.2],
      [0.5, 0.3, 0.2],
      [0.1, 0.1, 0.8],
      [0.4, 0.35, 0.25],
    ]);
    const labels = [1, 1, 2, 0];
    const c = categoricalAccuracy();
    c.update(tensor(labels.map((l) => [0, 1, 2].map((k) => (k === l ? 1 : 0)))), probs);
    expect(c.result()).toBe(0.75);
    const s = sparseCategoricalAccuracy();
    s.update(tensor(labels), probs);
    expect(s.result()).toBe(0.75);
    const s2 = sparseCategoricalAccuracy();
    s2.update(tensor(labels.map((l) => [l])), probs);
    expect(s2.result()).toBe(0.75);
  });
  it("'accuracy' picks the kind from shapes, or from the loss", () => {
    const a = accuracy();
    a.update(
      tensor([2, 0]),
      tensor([
        [0, 0, 1],
        [0, 1, 0],
      ]),
    );
    expect(a.result()).toBe(0.5);
    const b = accuracy();
    b.update(tensor([[1], [0]]), tensor([[0.8], [0.6]]));
    expect(b.result()).toBe(0.5);
    expect(getMetric('accuracy', { loss: getLoss('sparse_categorical_crossentropy') }).name).toBe(
      'sparseCategoricalAccuracy',
    );
    expect(getMetric('acc', { loss: getLoss('categoricalCrossentropy') }).name).toBe('categoricalAccuracy');
    const fromLogits = getMetric('accuracy', {
      loss: getLoss({ className: 'binaryCrossentropy', config: { fromLogits: true } }),
    });
    expect(fromLogits.getConfig()).toEqual({ threshold: 0 });
  });
});

describe('precision and recall', () => {
  it('accumulate TP, FP and FN over batches (not the mean of per-batch ratios)', () => {
    const p = precision();
    const r = recall();
    for (const m of [p, r]) {
      m.update(tensor([1, 0, 1, 1]), tensor([0.9, 0.8, 0.2, 0.6])); // TP 2, FP 1, FN 1
      m.update(tensor([0, 0]), tensor([0.7, 0.9])); // FP 2
    }
    expect(p.result()).toBeCloseTo(2 / 5, 12);
    expect(r.result()).toBeCloseTo(2 / 3, 12);
  });
  it('report 0 when nothing is predicted or present', () => {
    const p = precision();
    p.update(tensor([1, 1]), tensor([0.1, 0.2]));
    expect(p.result()).toBe(0);
    const r = recall();
    r.update(tensor([0, 0]), tensor([0.9, 0.2]));
    expect(r.result()).toBe(0);
  });
});

describe('regression metrics and the registry', () => {
  it('MSE and MAE average over every example seen', () => {
    const mse = meanSquaredError();
    const mae = meanAbsoluteError();
    for (const m of [mse, mae]) {
      m.update(tensor([[1], [2]]), tensor([[3], [2]]));
      m.update(tensor([[0]]), tensor([[-1]]));
    }
    expect(mse.result()).toBeCloseTo(5 / 3, 6);
    expect(mae.result()).toBeCloseTo(1, 6);
  });
  it('looks metrics up by Keras spellings and wraps functions', () => {
    expect(getMetric('mse').name).toBe('meanSquaredError');
    expect(getMetric('sparse_categorical_accuracy').name).toBe('sparseCategoricalAccuracy');
    const custom = getMetric(function twice(_t, p) {
      return p;
    });
    expect(custom.name).toBe('twice');
    custom.update(tensor([0, 0]), tensor([1, 3]));
    expect(custom.result()).toBe(2);
    expect(() => getMetric('f1')).toThrow(
      'getMetric: unknown metric "f1"; known metrics: accuracy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, precision, recall, meanSquaredError, meanAbsoluteError, bitsPerCharacter (aliases: acc, mse, mae, bpc)',
    );
  });
});
