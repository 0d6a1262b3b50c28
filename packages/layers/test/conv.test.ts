import { ShapeError, ValueError, ones, randomNormal, reshape, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { averagePooling2d, conv2d, globalAveragePooling2d, maxPooling2d } from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

type Dims = [number, number, number, number];

/** A direct float64 NHWC convolution: the reference the layer is checked against. */
function conv2dRef(
  x: number[],
  [n, h, w, c]: Dims,
  k: number[],
  [kh, kw, , f]: Dims,
  { stride = 1, dilation = 1, same = false } = {},
): { out: number[]; shape: number[] } {
  const eff = [(kh - 1) * dilation + 1, (kw - 1) * dilation + 1];
  const oh = same ? Math.ceil(h / stride) : Math.floor((h - eff[0]!) / stride) + 1;
  const ow = same ? Math.ceil(w / stride) : Math.floor((w - eff[1]!) / stride) + 1;
  const padT = same ? Math.floor(Math.max(0, (oh - 1) * stride + eff[0]! - h) / 2) : 0;
  const padL = same ? Math.floor(Math.max(0, (ow - 1) * stride + eff[1]! - w) / 2) : 0;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let o = 0; o < f; o++) {
          let s = 0;
          for (let u = 0; u < kh; u++)
            for (let v = 0; v < kw; v++)
              for (let ci = 0; ci < c; ci++) {
                const y = i * stride + u * dilation - padT;
                const z = j * stride + v * dilation - padL;
                if (y < 0 || y >= h || z < 0 || z >= w) continue;
                s += x[((b * h + y) * w + z) * c + ci]! * k[((u * kw + v) * c + ci) * f + o]!;
              }
          out.push(s);
        }
  return { out, shape: [n, oh, ow, f] };
}

describe('Conv2D', () => {
  const x33 = reshape(tensor([1, 2, 3, 4, 5, 6, 7, 8, 9]), [1, 3, 3, 1]);

  it('sums 2x2 windows by hand (valid, same, strides, dilation)', () => {
    const make = (o: object) => conv2d({ filters: 1, kernelSize: 2, kernelInitializer: 'ones', ...o });
    expect(values(make({}).apply(x33))).toEqual([12, 16, 24, 28]);
    expect(values(make({ padding: 'same' }).apply(x33))).toEqual([12, 16, 9, 24, 28, 15, 15, 17, 9]);
    expect(values(make({ strides: 2 }).apply(x33))).toEqual([12]);
    expect(values(make({ dilationRate: 2 }).apply(x33))).toEqual([20]);
    expect(values(make({ biasInitializer: { name: 'constant', value: -12 }, activation: 'relu' }).apply(x33))).toEqual([
      0, 4, 12, 16,
    ]);
  });

  it('matches a float64 reference with several channels and filters', () => {
    for (const opts of [{}, { same: true }, { stride: 2, same: true }, { dilation: 2 }]) {
      const layer = conv2d({
        filters: 3,
        kernelSize: [2, 3],
        useBias: false,
        padding: opts.same ? 'same' : 'valid',
        strides: opts.stride ?? 1,
        dilationRate: opts.dilation ?? 1,
      });
      const x = randomNormal([2, 5, 6, 2], 0, 1, 'float32', 11);
      const y = T(layer.apply(x));
      const k = layer.weights[0]!;
      const ref = conv2dRef(values(x), [2, 5, 6, 2], values(k), [...k.shape] as Dims, opts);
      expect(y.shape).toEqual(ref.shape);
      expect(layer.computeOutputShape([2, 5, 6, 2])).toEqual(ref.shape);
      expectClose(y, ref.out, 1e-5);
    }
  });

  it('computes output shapes with unknown dimensions', () => {
    const layer = conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' });
    expect(layer.computeOutputShape([null, 7, null, 3])).toEqual([null, 4, null, 4]);
    expect(conv2d({ filters: 1, kernelSize: 5 }).computeOutputShape([1, 3, 3, 1])).toEqual([1, 0, 0, 1]);
  });

  it('gradients wrt input, kernel and bias match finite differences', () => {
    const layer = conv2d({
      filters: 2,
      kernelSize: 2,
      padding: 'same',
      activation: 'tanh',
      biasInitializer: { name: 'constant', value: 0.1 },
    });
    const x = randomNormal([1, 3, 3, 2], 0, 0.5, 'float32', 5);
    layer.apply(x);
    const r = checkLayerGradients(layer, [x]);
    expect(r.ok, r.message).toBe(true);
  });

  it('validates options and input shapes with clear messages', () => {
    expect(() => conv2d({ filters: 0, kernelSize: 3 })).toThrow(
      new ValueError('conv2d: filters must be a positive integer, received 0'),
    );
    expect(() => conv2d({ filters: 1, kernelSize: [3, 0] as never })).toThrow(
      new ValueError('conv2d: kernelSize must be a positive integer or a pair of them, received [3,0]'),
    );
    expect(() => conv2d({ filters: 1, kernelSize: 3, padding: 'full' as never })).toThrow(
      new ValueError("conv2d: padding must be 'valid' or 'same', received \"full\""),
    );
    expect(() => conv2d({ filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      new ValueError(
        'conv2d: strides > 1 cannot be combined with dilationRate > 1, received strides [2,2] and dilationRate [2,2]',
      ),
    );
    const layer = conv2d({ filters: 1, kernelSize: 1, name: 'c' });
    expect(() => layer.apply(ones([3, 3, 1]))).toThrow(
      new ShapeError('c: expected input of rank 4, received shape [3,3,1]'),
    );
    layer.apply(ones([1, 3, 3, 1]));
    expect(() => layer.apply(ones([1, 3, 3, 2]))).toThrow(
      new ShapeError('c: expected input with last dimension 1, received shape [1,3,3,2]'),
    );
  });
});

describe('pooling', () => {
  const x44 = reshape(tensor(Array.from({ length: 16 }, (_, i) => i + 1)), [1, 4, 4, 1]);

  it('maxPooling2d and averagePooling2d by hand', () => {
    expect(values(maxPooling2d().apply(x44))).toEqual([6, 8, 14, 16]);
    expect(values(averagePooling2d().apply(x44))).toEqual([3.5, 5.5, 11.5, 13.5]);
    expect(values(maxPooling2d({ poolSize: 3, strides: 1 }).apply(x44))).toEqual([11, 12, 15, 16]);
    // 'same' with a 3x3 window at stride 2: padding cells are ignored by the average
    expect(values(averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(x44))).toEqual([
      6, 7.5, 12, 13.5,
    ]);
    expect(maxPooling2d({ poolSize: 2 }).computeOutputShape([null, 5, 4, 3])).toEqual([null, 2, 2, 3]);
    expect(maxPooling2d({ padding: 'same' }).computeOutputShape([null, 5, null, 3])).toEqual([null, 3, null, 3]);
  });

  it('globalAveragePooling2d averages each channel', () => {
    const x = reshape(tensor([1, 10, 2, 20, 3, 30, 4, 40]), [1, 2, 2, 2]);
    expect(values(globalAveragePooling2d().apply(x))).toEqual([2.5, 25]);
    expect(globalAveragePooling2d().computeOutputShape([null, 7, 7, 16])).toEqual([null, 16]);
  });

  it('validate options and rank', () => {
    expect(() => maxPooling2d({ poolSize: 0 })).toThrow(
      new ValueError('max_pooling2d: poolSize must be a positive integer or a pair of them, received 0'),
    );
    expect(() => globalAveragePooling2d({ name: 'g' }).apply(ones([2, 3]))).toThrow(
      new ShapeError('g: expected input of rank 4, received shape [2,3]'),
    );
  });
});
