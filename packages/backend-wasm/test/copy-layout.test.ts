import { describe, expect, it } from 'vitest';
import { type DType, cast, engine, gather, randomNormal, tensor, transpose } from '@rectify/tensor';
import { onBackend } from '@rectify/tensor/testing';
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

  // Trailing axes kept (rows copied whole), one of them or two, short rows (the reference kernel), every dtype.
  const TRANSPOSES: Array<[number[], number[]]> = [
    [
      [32, 6, 32],
      [1, 0, 2],
    ],
    [
      [2, 3, 4, 8],
      [1, 0, 2, 3],
    ],
    [
      [4, 2, 2, 3, 9],
      [3, 1, 0, 2, 4],
    ],
    [
      [2, 3, 4, 5],
      [2, 0, 1, 3],
    ],
    [
      [3, 4],
      [1, 0],
    ],
  ];
  for (const [shape, perm] of TRANSPOSES) {
    for (const dtype of ['float32', 'int32', 'bool'] as DType[]) {
      it(`transposes ${dtype} [${shape.join(',')}] by [${perm.join(',')}] as the reference kernel does`, () => {
        const values = onBackend('cpu', () => cast(randomNormal(shape, 0, 3, 'float32', 9), dtype).dataSync());
        const ref = onBackend('cpu', () => transpose(tensor(values, shape, dtype), perm).dataSync());
        useWasm();
        const got = transpose(tensor(values, shape, dtype), perm);
        expect(got.shape).toEqual(perm.map((d) => shape[d]!));
        expect(Array.from(got.dataSync())).toEqual(Array.from(ref));
      });
    }
  }
});
