import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  ValueError,
  arange,
  fill,
  matMul,
  matmul,
  range,
  tensor1d,
  tensor2d,
  tensor3d,
  tensor4d,
  tensor5d,
  tensor6d,
} from '@rectify/tensor';
import { tf, tfjsReady } from './tfjs-reference.js';

describe('tensor1d … tensor6d (TensorFlow.js creation)', () => {
  it('build tensors of the stated rank from nested or flat values', () => {
    expect(tensor1d([1, 2, 3]).shape).toEqual([3]);
    expect(tensor1d(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(
      tensor2d([
        [1, 2],
        [3, 4],
      ]).arraySync(),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor2d([1, 2, 3, 4, 5, 6], [2, 3]).shape).toEqual([2, 3]);
    expect(
      tensor3d([
        [[1], [2]],
        [[3], [4]],
      ]).shape,
    ).toEqual([2, 2, 1]);
    expect(tensor4d(new Float32Array(12), [1, 2, 2, 3]).shape).toEqual([1, 2, 2, 3]);
    expect(tensor5d([1, 2], [1, 1, 1, 1, 2]).shape).toEqual([1, 1, 1, 1, 2]);
    expect(tensor6d([1, 2], [1, 1, 1, 1, 1, 2]).dataSync()).toEqual(Float32Array.of(1, 2));
    expect(tensor2d([1, 2], [2, 1], 'int32').dtype).toBe('int32');
  });

  it("reject the wrong rank with TensorFlow.js's messages", () => {
    expect(() => tensor1d([[1]] as never)).toThrow(/tensor1d\(\) requires values to be a flat\/TypedArray/);
    expect(() => tensor2d([1, 2, 3, 4], [4])).toThrow(ShapeError);
    expect(() => tensor2d([1, 2, 3, 4], [4])).toThrow(/tensor2d\(\) requires shape to have two numbers/);
    expect(() => tensor2d([1, 2, 3, 4])).toThrow(
      /tensor2d\(\) requires shape to be provided when `values` are a flat\/TypedArray/,
    );
    expect(() => tensor3d([[1, 2]])).toThrow(
      /tensor3d\(\) requires values to be number\[\]\[\]\[\] or flat\/TypedArray, received values of rank 2/,
    );
    expect(() => tensor4d([1, 2], [1, 2])).toThrow(/requires shape to have four numbers/);
    expect(() => tensor2d(null as never)).toThrow(ValueError);
  });
});

describe('fill, range, matMul', () => {
  it('fill is full; matMul is matmul', () => {
    expect(fill([2, 2], 7).arraySync()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(fill([1], true).dtype).toBe('bool');
    expect(fill([2], 3, 'int32').dtype).toBe('int32');
    expect(matMul).toBe(matmul);
  });

  it('range follows TensorFlow.js, including its count-down and empty cases', async () => {
    await tfjsReady();
    const cases: Array<[number, number, number?]> = [
      [0, 5],
      [5, 0],
      [0, 1, 0.25],
      [5, 0, -2],
      [0, 5, -1],
      [5, 0, 2],
      [2, 2],
      [-3, 3, 2],
    ];
    for (const [a, b, s] of cases) {
      expect(Array.from(range(a, b, s).dataSync()), `range(${a}, ${b}, ${s})`).toEqual(
        Array.from(tf.range(a, b, s).dataSync()),
      );
    }
    expect(range(0, 3, 1, 'int32').dtype).toBe('int32');
    expect(() => range(0, 3, 0)).toThrow(/range: step must not be zero/);
    expect(Array.from(arange(3).dataSync())).toEqual([0, 1, 2]);
  });
});
