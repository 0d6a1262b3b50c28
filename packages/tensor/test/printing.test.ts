import { describe, expect, it, vi } from 'vitest';
import { arange, reshape, scalar, tensor, zeros } from '@rectify/tensor';

describe('toString prints like NumPy', () => {
  it('float32 vectors: integers as "1.", decimals aligned on the point', () => {
    expect(tensor([1, 2, 3]).toString()).toBe('[1., 2., 3.]');
    expect(tensor([0.5, 1.25, -3]).toString()).toBe('[ 0.5 ,  1.25, -3.  ]');
    expect(tensor([1 / 3, 2 / 3]).toString()).toBe('[0.3333, 0.6667]');
  });

  it('switches to scientific notation for tiny, huge or wide-ranging values', () => {
    expect(tensor([1e-5, 1]).toString()).toBe('[1.e-05, 1.e+00]');
    expect(tensor([1.5e-5, 1]).toString()).toBe('[1.5e-05, 1.0e+00]');
    expect(tensor([1e9, 2]).toString()).toBe('[1.e+09, 2.e+00]');
    expect(tensor([0, 1e-5]).toString()).toBe('[0.e+00, 1.e-05]');
  });

  it('prints nan, inf and -inf', () => {
    expect(tensor([NaN, Infinity, -Infinity, 1]).toString()).toBe('[ nan,  inf, -inf,   1.]');
  });

  it('int32 and bool', () => {
    expect(tensor([1, -20, 300], undefined, 'int32').toString()).toBe('[  1, -20, 300]');
    expect(tensor([true, false]).toString()).toBe('[ true, false]');
  });

  it('rank 0', () => {
    expect(scalar(3.5).toString()).toBe('3.5');
    expect(scalar(2).toString()).toBe('2.');
    expect(scalar(7, 'int32').toString()).toBe('7');
    expect(scalar(false).toString()).toBe('false');
  });

  it('rank 2 and rank 3, with blank lines between blocks', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe('[[1., 2.],\n [3., 4.]]');
    expect(reshape(arange(8, undefined, 1, 'int32'), [2, 2, 2]).toString()).toBe(
      '[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]',
    );
  });

  it('elides the middle of long tensors with ...', () => {
    expect(arange(2000, undefined, 1, 'int32').toString()).toBe('[   0,    1,    2, ..., 1997, 1998, 1999]');
    const lines = reshape(arange(2000, undefined, 1, 'int32'), [40, 50])
      .toString()
      .split('\n');
    expect(lines).toEqual([
      '[[   0,    1,    2, ...,   47,   48,   49],',
      ' [  50,   51,   52, ...,   97,   98,   99],',
      ' [ 100,  101,  102, ...,  147,  148,  149],',
      ' ...,',
      ' [1850, 1851, 1852, ..., 1897, 1898, 1899],',
      ' [1900, 1901, 1902, ..., 1947, 1948, 1949],',
      ' [1950, 1951, 1952, ..., 1997, 1998, 1999]]',
    ]);
    // 1000 elements are still printed in full.
    expect(arange(1000).toString()).not.toContain('...');
  });

  it('empty tensors', () => {
    expect(zeros([0]).toString()).toBe('[]');
    expect(zeros([2, 0]).toString()).toBe('[[],\n []]');
  });

  it('print() writes toString() to the console', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    tensor([1, 2]).print();
    expect(log).toHaveBeenCalledWith('[1., 2.]');
    log.mockRestore();
  });
});
