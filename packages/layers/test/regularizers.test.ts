import { ValueError, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { conv2d, dense, embedding, regularizers } from '@rectify/layers';
import { values } from './helpers.js';

describe('regularizers', () => {
  const w = () =>
    tensor([
      [1, -2],
      [0.5, 0],
    ]);

  it('compute l1, l2 and l1l2 penalties by hand', () => {
    expect(regularizers.l1({ l1: 0.1 }).apply(w()).item()).toBeCloseTo(0.1 * 3.5, 6);
    expect(regularizers.l2({ l2: 0.01 }).apply(w()).item()).toBeCloseTo(0.01 * 5.25, 6);
    expect(regularizers.l1l2({ l1: 0.1, l2: 0.01 }).apply(w()).item()).toBeCloseTo(0.35 + 0.0525, 6);
    expect(
      regularizers
        .l2()
        .apply(tensor([0, 0]))
        .item(),
    ).toBe(0);
  });

  it('resolve names, configs and objects through get, and round-trip getConfig', () => {
    expect(regularizers.get('l2').getConfig()).toEqual({ name: 'l2', l2: 0.01 });
    const r = regularizers.get({ name: 'l1l2', l1: 0, l2: 1e-4 });
    expect(r.getConfig()).toEqual({ name: 'l1l2', l1: 0, l2: 1e-4 });
    expect(regularizers.get(r.getConfig()).getConfig()).toEqual(r.getConfig());
    expect(regularizers.get(r)).toBe(r);
    expect(regularizers.names()).toEqual(['l1', 'l2', 'l1l2']);
  });

  it('reject unknown names and bad coefficients', () => {
    expect(() => regularizers.get('l3' as never)).toThrow(
      new ValueError("regularizers.get: unknown regularizer 'l3'; known: l1, l2, l1l2"),
    );
    expect(() => regularizers.l2({ l2: -1 })).toThrow(
      new ValueError('l2: l2 must be a non-negative finite number, received -1'),
    );
    expect(() => regularizers.l1({ l1: NaN })).toThrow(
      new ValueError('l1: l1 must be a non-negative finite number, received NaN'),
    );
  });

  it('layers report their penalties on the current weights', () => {
    const layer = dense({
      units: 1,
      kernelInitializer: 'ones',
      kernelRegularizer: { name: 'l2', l2: 0.5 },
      biasRegularizer: 'l1',
    });
    layer.apply(tensor([[1, 2, 3]]));
    let losses = layer.regularizationLosses();
    expect(losses.map((t) => t.item())).toEqual([1.5, 0]);
    layer.setWeights([tensor([[1], [2], [2]]), tensor([-3])]);
    losses = layer.regularizationLosses();
    expect(losses[0]!.item()).toBeCloseTo(0.5 * 9, 6);
    expect(losses[1]!.item()).toBeCloseTo(0.01 * 3, 6);
    expect(dense({ units: 1 }).regularizationLosses()).toEqual([]);
  });

  it('conv2d and embedding accept regularizers too', () => {
    const c = conv2d({ filters: 1, kernelSize: 1, kernelInitializer: 'ones', kernelRegularizer: 'l2', useBias: false });
    c.apply(tensor([[[[1, 1]]]]));
    expect(values(c.regularizationLosses()[0])[0]).toBeCloseTo(0.02, 6);
    const e = embedding({
      inputDim: 2,
      outputDim: 2,
      embeddingsInitializer: 'ones',
      embeddingsRegularizer: { name: 'l1', l1: 1 },
    });
    e.apply(tensor([0], undefined, 'int32'));
    expect(e.regularizationLosses()[0]!.item()).toBe(4);
  });
});
