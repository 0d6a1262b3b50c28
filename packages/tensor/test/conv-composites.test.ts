import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  ValueError,
  conv2d,
  conv2dTranspose,
  depthwiseConv2d,
  groupedConv2d,
  mul,
  randomNormal,
  sum,
  tensor,
} from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

/** A dense conv2d filter equivalent to a grouped one: zeros outside each group's block. */
function blockDiagonal(
  f: Float32Array,
  [kh, kw, ci, co]: number[],
  groups: number,
): { values: number[]; shape: number[] } {
  const cin = ci * groups;
  const out = new Array<number>(kh * kw * cin * co).fill(0);
  const per = co / groups;
  for (let u = 0; u < kh * kw; u++)
    for (let i = 0; i < ci; i++)
      for (let o = 0; o < co; o++) {
        const g = Math.floor(o / per);
        out[(u * cin + g * ci + i) * co + o] = f[(u * ci + i) * co + o]!;
      }
  return { values: out, shape: [kh, kw, cin, co] };
}

/** A depthwise filter [kh, kw, c, m] as the dense [kh, kw, c, c·m] filter it stands for. */
function depthwiseAsDense(f: Float32Array, [kh, kw, c, m]: number[]): { values: number[]; shape: number[] } {
  const out = new Array<number>(kh * kw * c * c * m).fill(0);
  for (let u = 0; u < kh * kw; u++)
    for (let ch = 0; ch < c; ch++)
      for (let j = 0; j < m; j++) {
        out[(u * c + ch) * c * m + ch * m + j] = f[(u * c + ch) * m + j]!;
      }
  return { values: out, shape: [kh, kw, c, c * m] };
}

describe('depthwiseConv2d (composed of shifted slices)', () => {
  const cases = [
    { k: [3, 3, 3, 1], strides: 1, pad: 'same', dil: 1 },
    { k: [3, 2, 3, 2], strides: 2, pad: 'same', dil: 1 },
    { k: [2, 3, 3, 2], strides: [2, 1], pad: 'valid', dil: 1 },
    { k: [3, 3, 3, 1], strides: 1, pad: 'valid', dil: 2 },
    { k: [3, 3, 3, 1], strides: 3, pad: 1, dil: 1 },
  ] as const;
  for (const c of cases) {
    it(`equals conv2d with the block-diagonal filter: ${JSON.stringify(c)}`, () => {
      const x = randomNormal([2, 7, 6, 3], 0, 1, 'float32', 1);
      const f = randomNormal([...c.k], 0, 1, 'float32', 2);
      const dense = depthwiseAsDense(f.dataSync() as Float32Array, [...c.k]);
      const y = depthwiseConv2d(x, f, c.strides, c.pad, c.dil);
      const ref = conv2d(x, tensor(dense.values, dense.shape), c.strides, c.pad, 'NHWC', c.dil);
      expect(y.shape).toEqual(ref.shape);
      expectClose(y.dataSync(), ref.dataSync(), 1e-5);
    });
  }

  it('checks channels', () => {
    expect(() => depthwiseConv2d(randomNormal([1, 3, 3, 2]), randomNormal([2, 2, 3, 1]))).toThrow(
      new ShapeError('depthwiseConv2d: input channels differ: x [1,3,3,2] has 2, filter [2,2,3,1] expects 3'),
    );
  });
});

describe('groupedConv2d', () => {
  it('equals conv2d with the block-diagonal filter; groups 1 is conv2d', () => {
    const x = randomNormal([2, 5, 5, 4], 0, 1, 'float32', 3);
    const f = randomNormal([3, 3, 2, 6], 0, 1, 'float32', 4);
    const dense = blockDiagonal(f.dataSync() as Float32Array, [3, 3, 2, 6], 2);
    expectClose(
      groupedConv2d(x, f, 2, 2, 'same').dataSync(),
      conv2d(x, tensor(dense.values, dense.shape), 2, 'same').dataSync(),
      1e-5,
    );
    const f1 = randomNormal([3, 3, 4, 2], 0, 1, 'float32', 5);
    expect(Array.from(groupedConv2d(x, f1, 1).dataSync())).toEqual(Array.from(conv2d(x, f1).dataSync()));
    expect(() => groupedConv2d(x, f, 3)).toThrow(ValueError);
  });
});

describe('conv2dTranspose (the conv2d input gradient kernel)', () => {
  it('spreads each input pixel over the kernel window (hand example)', () => {
    const x = tensor([1, 2], [1, 1, 2, 1]);
    const f = tensor([1, 10, 100, 1000], [2, 2, 1, 1]);
    expect(Array.from(conv2dTranspose(x, f, [1, 2, 4, 1], 2, 'valid').dataSync())).toEqual([
      1, 10, 2, 20, 100, 1000, 200, 2000,
    ]);
  });

  it('is the adjoint of conv2d: <conv2d(y, f), x> = <y, conv2dTranspose(x, f)>', () => {
    for (const [strides, pad, outShape] of [
      [2, 'same', [2, 8, 6, 3]],
      [2, 'valid', [2, 9, 7, 3]],
      [1, 'same', [2, 4, 3, 3]],
    ] as const) {
      const f = randomNormal([3, 3, 3, 5], 0, 1, 'float32', 6);
      const y = randomNormal([...outShape], 0, 1, 'float32', 7);
      const conv = conv2d(y, f, strides, pad);
      const x = randomNormal([...conv.shape], 0, 1, 'float32', 8);
      const t = conv2dTranspose(x, f, outShape, strides, pad);
      expect(t.shape).toEqual(outShape);
      const lhs = sum(mul(conv, x)).item();
      const rhs = sum(mul(y, t)).item();
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-3 * Math.max(1, Math.abs(lhs)));
    }
  });

  it('checks the output shape', () => {
    const x = randomNormal([1, 4, 4, 2]);
    const f = randomNormal([3, 3, 5, 2]);
    expect(() => conv2dTranspose(x, f, [1, 9, 9, 5], 2, 'same')).toThrow(/does not convolve back to x \[1,4,4,2\]/);
    expect(() => conv2dTranspose(x, f, [1, 8, 8, 4], 2, 'same')).toThrow(
      new ShapeError('conv2dTranspose: outputShape must be [1, height, width, 5], received [1,8,8,4]'),
    );
  });
});
