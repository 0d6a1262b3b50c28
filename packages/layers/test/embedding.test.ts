import { variableGrads } from '@rectify/autograd';
import { ValueError, mul, sum, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { embedding } from '@rectify/layers';
import { T, values } from './helpers.js';

describe('Embedding', () => {
  const table = tensor([
    [0, 1],
    [10, 11],
    [20, 21],
  ]);

  it('looks up rows for int32 indices of any shape', () => {
    const layer = embedding({ inputDim: 3, outputDim: 2 });
    layer.build([null, 2]);
    layer.setWeights([table]);
    const y = T(
      layer.apply(
        tensor(
          [
            [2, 0],
            [1, 1],
          ],
          undefined,
          'int32',
        ),
      ),
    );
    expect(y.shape).toEqual([2, 2, 2]);
    expect(values(y)).toEqual([20, 21, 0, 1, 10, 11, 10, 11]);
    expect(layer.computeOutputShape([null, 5])).toEqual([null, 5, 2]);
    // float indices are cast, as Keras does
    expect(values(layer.apply(tensor([[2]])))).toEqual([20, 21]);
  });

  it('defaults to uniform weights in [-0.05, 0.05]', () => {
    const layer = embedding({ inputDim: 50, outputDim: 8 });
    layer.build([null, 1]);
    const w = values(layer.weights[0]);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(new Set(w).size).toBeGreaterThan(300);
  });

  it('names the layer and the index when an index is out of range', () => {
    const layer = embedding({ inputDim: 3, outputDim: 2, name: 'emb' });
    expect(() => layer.apply(tensor([[0, 3]], undefined, 'int32'))).toThrow(
      new ValueError('emb: index 3 is out of range [0, 3) (inputDim 3), at flat position 1'),
    );
    expect(() => layer.apply(tensor([[-1]], undefined, 'int32'))).toThrow(
      new ValueError('emb: index -1 is out of range [0, 3) (inputDim 3), at flat position 0'),
    );
    expect(() => embedding({ inputDim: 0, outputDim: 2 })).toThrow(
      new ValueError('embedding: inputDim must be a positive integer, received 0'),
    );
  });

  it('sends gradients to the looked-up rows, summed over repeats', () => {
    const layer = embedding({ inputDim: 3, outputDim: 2 });
    const idx = tensor([[1, 1, 2]], undefined, 'int32');
    layer.apply(idx);
    const { grads } = variableGrads(() => sum(mul(T(layer.apply(idx)), tensor([1, 2]))), layer.trainableWeights);
    expect(values(grads[layer.weights[0]!.name])).toEqual([0, 0, 2, 4, 1, 2]);
  });
});
