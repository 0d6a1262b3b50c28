import { describe, expect, it } from 'vitest';
import { engine, gather, tensor } from '@rectify/tensor';
import { useWasm } from './helpers.js';

describe('wasm copy kernels', () => {
  it('gathers rows, columns and bool values as the reference kernel does', () => {
    useWasm();
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(gather(x, tensor([1, 1, 0], [3], 'int32'), 0).arraySync()).toEqual([
      [4, 5, 6],
      [4, 5, 6],
      [1, 2, 3],
    ]);
    expect(gather(x, tensor([[2], [0]], [2, 1], 'int32'), 1).arraySync()).toEqual([
      [[3], [1]],
      [[6], [4]],
    ]);
    const flags = tensor([true, false, true], [3], 'bool');
    expect(Array.from(gather(flags, tensor([2, 1], [2], 'int32'), 0).dataSync())).toEqual([1, 0]);
    expect(gather(x, tensor([], [0], 'int32'), 0).shape).toEqual([0, 3]);
  });

  it('names an index outside the axis before writing anything', () => {
    useWasm();
    const before = engine.memory().numTensors;
    const x = tensor([1, 2, 3]);
    const idx = tensor([0, 3], [2], 'int32');
    expect(() => gather(x, idx, 0)).toThrow('gather: index 3 is out of range [0, 3)');
    expect(engine.memory().numTensors).toBe(before + 2);
  });
});
