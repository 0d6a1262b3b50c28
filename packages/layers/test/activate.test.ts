import { type Tensor, ValueError, memory, tensor, tidy } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { activate, activation, dense, withPreActivations } from '@rectify/layers';
import { values } from './helpers.js';

/** Dense 2 → 2 with hand-set weights: z = [x0 + x1 − 1, x0 − x1 + 0.5]. */
function handDense() {
  const layer = dense({ units: 2, activation: 'relu', inputShape: [2] });
  layer.build([null, 2]);
  layer.setWeights([
    tensor([
      [1, 1],
      [1, -1],
    ]),
    tensor([-1, 0.5]),
  ]);
  return layer;
}

const x = tensor([
  [1, 2],
  [-1, 0],
  [0.5, 0.5],
]);

describe('activate', () => {
  it('applies the layer activation to z + bias (relu by hand), with or without a bias', () => {
    const layer = handDense();
    // z rows: [2, -0.5], [-2, -0.5], [0, 0.5]
    expect(values(activate(layer, tensor([[3, -1]]), tensor([-1, 0.5])))).toEqual([2, 0]);
    expect(values(activate(layer, tensor([[-2, 0.5]])))).toEqual([0, 0.5]);
    expect(values(layer.apply(x))).toEqual([2, 0, 0, 0, 0, 0.5]);
    const linear = activation({ activation: 'linear' });
    expect(values(activate(linear, tensor([[-3, 4]])))).toEqual([-3, 4]);
  });
});

describe('withPreActivations', () => {
  it('hands fn the pre-activations of each call, then frees them and stops watching', () => {
    const layer = handDense();
    const before = memory().numTensors;
    const seen = withPreActivations([layer], (pre) => {
      tidy(() => void layer.apply(x)); // the copy outlives the caller's tidy
      tidy(() => void layer.apply(tensor([[0, 0]])));
      return pre.get(layer)!.map(values);
    });
    expect(seen).toEqual([
      [2, -0.5, -2, -0.5, 0, 0.5],
      [-1, 0.5],
    ]);
    expect(memory().numTensors).toBe(before);
    // Not watched any more: nothing recorded, and the fused path is back (same values).
    const after = withPreActivations([], (pre) => (layer.apply(x), pre.size));
    expect(after).toBe(0);
  });

  it('records only the layers asked for, in a model', () => {
    const first = handDense();
    const second = dense({ units: 1, activation: 'sigmoid', kernelInitializer: 'ones', biasInitializer: 'zeros' });
    const pre = withPreActivations([second], (p) => {
      second.apply(first.apply(x) as Tensor);
      return [...p.keys()].map((l) => values(p.get(l)![0]));
    });
    // second's z is the sum of first's relu outputs: 2, 0, 0.5.
    expect(pre).toEqual([[2, 0, 0.5]]);
  });

  it('nests: an inner capture of the same layer does not disturb the outer one', () => {
    const layer = handDense();
    const counts = withPreActivations([layer], (outer) => {
      layer.apply(x);
      const inner = withPreActivations([layer], (p) => (layer.apply(x), p.get(layer)!.length));
      layer.apply(x);
      return [inner, outer.get(layer)!.length];
    });
    expect(counts).toEqual([1, 3]);
  });

  it('ends the capture when fn throws, and refuses an async fn', () => {
    const layer = handDense();
    const before = memory().numTensors;
    expect(() =>
      tidy(() =>
        withPreActivations([layer], () => {
          layer.apply(x);
          throw new Error('boom');
        }),
      ),
    ).toThrow('boom');
    expect(memory().numTensors).toBe(before);
    expect(() => withPreActivations([layer], async () => 1)).toThrow(
      new ValueError(
        'withPreActivations: fn returned a Promise; it must be synchronous (the capture ends when fn returns)',
      ),
    );
  });
});
