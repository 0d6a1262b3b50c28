import { describe, expect, it } from 'vitest';
import { Tensor, arange, eye, full, linspace, ones, onesLike, scalar, tensor, zeros, zerosLike } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

describe('tensor()', () => {
  it('infers shape and float32 dtype from nested arrays', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.rank).toBe(2);
    expect(t.size).toBe(6);
    expect(t.arraySync()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t).toBeInstanceOf(Tensor);
  });

  it('infers bool from booleans and the dtype of typed arrays (bytes are int32, as in TensorFlow.js)', () => {
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([true, false]).arraySync()).toEqual([true, false]);
    expect(tensor(Int32Array.of(1, 2)).dtype).toBe('int32');
    expect(tensor(Uint8Array.of(1, 0, 255)).dtype).toBe('int32');
    expect(tensor(Uint8Array.of(1, 0, 255)).arraySync()).toEqual([1, 0, 255]);
    expect(tensor(Uint8Array.of(1, 0), undefined, 'bool').arraySync()).toEqual([true, false]);
    expect(tensor(Float32Array.of(1.5)).dtype).toBe('float32');
  });

  it('takes flat values plus a shape, and fills a shape from one value', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [3, 2]).arraySync()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(tensor(new Float32Array([1, 2, 3, 4]), [2, 2]).arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor([7], [2, 2]).arraySync()).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });

  it('converts to the requested dtype: int32 truncates toward zero, bool is non-zero', () => {
    expect(Array.from(tensor([1.7, -1.7, 2.5, -0.2], undefined, 'int32').dataSync())).toEqual([1, -1, 2, 0]);
    expect(tensor([0, 2, -1, 0.5], undefined, 'bool').arraySync()).toEqual([false, true, true, true]);
    expect(Array.from(tensor([true, false], undefined, 'float32').dataSync())).toEqual([1, 0]);
  });

  it('stores float32: values are rounded to single precision', () => {
    expect(tensor([0.1]).dataSync()[0]).toBe(Math.fround(0.1));
    expect(tensor([1e40]).dataSync()[0]).toBe(Infinity);
  });

  it('makes empty and rank-0 tensors', () => {
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
    const s = tensor(3.5);
    expect(s.shape).toEqual([]);
    expect(s.rank).toBe(0);
    expect(s.size).toBe(1);
    expect(s.item()).toBe(3.5);
    expect(s.arraySync()).toBe(3.5);
  });
});

describe('Tensor is immutable from the outside', () => {
  it('has a frozen shape', () => {
    const t = tensor([1, 2]);
    expect(Object.isFrozen(t.shape)).toBe(true);
    expect(() => (t.shape as number[]).push(3)).toThrow(TypeError);
  });

  it('hands out copies of its values', () => {
    const t = tensor([1, 2, 3]);
    const v = t.dataSync();
    v[0] = 100;
    expect(t.dataSync()[0]).toBe(1);
  });

  it('reads asynchronously with data() and array()', async () => {
    const t = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      undefined,
      'int32',
    );
    expect(Array.from(await t.data())).toEqual([1, 2, 3, 4]);
    expect(await t.array()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const d = await t.data();
    d[0] = 9;
    expect(t.dataSync()[0]).toBe(1);
  });
});

describe('creation ops', () => {
  it('scalar', () => {
    expect(scalar(2).shape).toEqual([]);
    expect(scalar(2, 'int32').dtype).toBe('int32');
    expect(scalar(true).dtype).toBe('bool');
  });

  it('zeros, ones, full with dtypes', () => {
    expect(zeros([2, 3]).arraySync()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(ones([2], 'int32').dtype).toBe('int32');
    expect(ones([3]).arraySync()).toEqual([1, 1, 1]);
    expect(full([2, 2], 7.5).arraySync()).toEqual([
      [7.5, 7.5],
      [7.5, 7.5],
    ]);
    expect(full([2], true).dtype).toBe('bool');
    expect(full([2], 3.9, 'int32').arraySync()).toEqual([3, 3]);
    expect(zeros([0, 4]).size).toBe(0);
    expect(zeros([]).arraySync()).toBe(0);
  });

  it('zerosLike and onesLike keep shape and dtype', () => {
    const x = tensor([[1, 2, 3]], undefined, 'int32');
    expect(zerosLike(x).dtype).toBe('int32');
    expect(zerosLike(x).arraySync()).toEqual([[0, 0, 0]]);
    expect(onesLike(tensor([true, false])).arraySync()).toEqual([true, true]);
  });

  it('arange with one, two and three arguments, negative and fractional steps', () => {
    expect(arange(5).arraySync()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(2, 5).arraySync()).toEqual([2, 3, 4]);
    expect(arange(0, 1, 0.25).arraySync()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(5, 0, -2).arraySync()).toEqual([5, 3, 1]);
    expect(arange(3, 1).arraySync()).toEqual([]);
    expect(arange(0, 3, 1, 'int32').dtype).toBe('int32');
  });

  it('linspace includes both ends', () => {
    expectClose(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1], 0);
    expectClose(linspace(-1, 1, 3), [-1, 0, 1], 0);
    expect(linspace(0.1, 0.7, 7).dataSync()[6]).toBe(Math.fround(0.7));
    expect(linspace(3, 9, 1).arraySync()).toEqual([3]);
    expect(linspace(3, 9, 0).arraySync()).toEqual([]);
  });

  it('eye, square and rectangular', () => {
    expect(eye(3).arraySync()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(eye(2, 3).arraySync()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(eye(3, 2, 'int32').arraySync()).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(eye(0).shape).toEqual([0, 0]);
  });
});
