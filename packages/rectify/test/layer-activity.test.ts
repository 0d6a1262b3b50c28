import { dense } from '@rectify/layers';
import { memory, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { layerActivity } from '../src/diagnostics/layer-activity.js';
import { sequential } from '../src/models/index.js';
import { fresh } from './helpers.js';

/**
 * h: Dense 2 → 2, relu, z = [x0 + x1 − 1, x0 − x1 + 0.5]; o: Dense 2 → 1, linear, the sum of h's outputs.
 * On x below, h's pre-activations are [2, −0.5], [−2, −0.5], [0, 0.5] and its outputs [2, 0], [0, 0], [0, 0.5].
 */
function handModel() {
  fresh();
  const m = sequential([
    dense({ units: 2, activation: 'relu', inputShape: [2], name: 'h' }),
    dense({ units: 1, kernelInitializer: 'ones', name: 'o' }),
  ]);
  m.layers[0]!.setWeights([
    tensor([
      [1, 1],
      [1, -1],
    ]),
    tensor([-1, 0.5]),
  ]);
  return m;
}

const x = tensor([
  [1, 2],
  [-1, 0],
  [0.5, 0.5],
]);
const y = tensor([[1], [0], [1]]);

describe('layerActivity', () => {
  it('reports activity, saturation, output moments and kernel gradient norms computed by hand', () => {
    const m = handModel();
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const before = memory().numTensors;
    const [h, ...rest] = layerActivity(m, x, y, { outputs: true });
    expect(memory().numTensors).toBe(before);
    expect(rest).toEqual([]); // o applies no activation: not watched by default
    expect(h!.layer).toBe('h');
    expect(h!.activation).toBe('relu');
    expect(h!.units).toBe(2);
    expect(h!.fractionActive).toBeCloseTo(1 / 3, 6); // each unit > 0 for one example of three
    expect(h!.deadUnits).toBe(0);
    expect(h!.fractionSaturated).toBeCloseTo(2 / 3, 6); // relu'(z) = 0 for z ≤ 0
    expect(h!.meanDerivative).toBeCloseTo(1 / 3, 6);
    expect(h!.mean).toBeCloseTo(5 / 12, 6); // outputs 2, 0, 0, 0, 0, 0.5
    expect(h!.variance).toBeCloseTo(4.25 / 6 - (5 / 12) ** 2, 6);
    expect(Array.from(h!.outputs!)).toEqual([2, 0, 0, 0, 0, 0.5]);
    // mse: dL/dp = 2(p − y)/3 = [2/3, 0, −1/3]; dL/dK = xᵀ·(dL/dp ⊙ relu'(z)) = [[2/3, −1/6], [4/3, −1/6]].
    expect(h!.gradNorm).toBeCloseTo(Math.sqrt(82) / 6, 5);
  });

  it('measures named layers (o as linear: always active), and leaves gradNorm NaN without y', () => {
    const m = handModel();
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const [h, o] = layerActivity(m, x, y, { layers: ['h', 'o'] });
    expect(h!.outputs).toBeUndefined();
    expect(o!.activation).toBe('linear');
    expect(o!.fractionActive).toBe(1);
    expect(o!.gradNorm).toBeCloseTo(Math.sqrt(65) / 6, 5); // dL/dKo = hᵀ·dL/dp = [4/3, −1/6]
    const noY = layerActivity(m, x);
    expect(noY[0]!.gradNorm).toBeNaN();
    expect(noY[0]!.fractionActive).toBeCloseTo(1 / 3, 6);
  });

  it('counts a unit active for no example as dead', () => {
    const m = handModel();
    const [h] = layerActivity(m, x.slice([0, 0], [2, 2])); // unit 1's z is −0.5 on both rows
    expect(h!.deadUnits).toBe(1);
    expect(h!.deadFraction).toBe(0.5);
    expect(h!.fractionActive).toBeCloseTo(0.25, 6);
  });

  it('names a missing layer, an unknown option, and an uncompiled model given y', () => {
    const m = handModel();
    expect(() => layerActivity(m, x, undefined, { layers: ['hh'] })).toThrow(
      "layerActivity: options.layers names no layer 'hh' (did you mean 'h'?); the model has h, o",
    );
    expect(() => layerActivity(m, x, undefined, { layer: ['h'] } as never)).toThrow(/layerActivity.*layer/);
    expect(() => layerActivity(m, x, y)).toThrow('layerActivity: the model must be compiled first');
  });
});
