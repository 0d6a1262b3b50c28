import {
  ShapeError,
  ValueError,
  add,
  conv2d as conv2dOp,
  depthwiseConv2d as depthwiseOp,
  concat,
  ones,
  randomNormal,
  reshape,
  slice,
  tensor,
} from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import {
  averagePooling1d,
  conv1d,
  conv2d,
  conv2dTranspose,
  depthwiseConv2d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  globalMaxPooling2d,
  input,
  masking,
  maxPooling1d,
  Functional,
  separableConv2d,
} from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

/** Float64 1-D convolution, kernel [k, c, f]; `before` zeros in front (same/causal), `after` behind. */
function conv1dRef(
  x: number[],
  [n, t, c]: number[],
  k: number[],
  [kk, , f]: number[],
  { stride = 1, dilation = 1, before = 0, after = 0 } = {},
): number[] {
  const len = t + before + after;
  const outT = Math.floor((len - ((kk - 1) * dilation + 1)) / stride) + 1;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < outT; i++)
      for (let o = 0; o < f; o++) {
        let s = 0;
        for (let u = 0; u < kk; u++)
          for (let ci = 0; ci < c; ci++) {
            const src = i * stride + u * dilation - before;
            if (src >= 0 && src < t) s += x[(b * t + src) * c + ci]! * k[(u * c + ci) * f + o]!;
          }
        out.push(s);
      }
  return out;
}

describe('Conv1D (a height-1 conv2d)', () => {
  const x = randomNormal([2, 7, 3], 0, 1, 'float32', 1);
  for (const [padding, stride, dilation] of [
    ['valid', 1, 1],
    ['valid', 2, 1],
    ['same', 1, 2],
    ['same', 2, 1],
    ['causal', 1, 1],
    ['causal', 1, 3],
  ] as const) {
    it(`matches a float64 reference: padding ${padding}, stride ${stride}, dilation ${dilation}`, () => {
      const layer = conv1d({
        filters: 2,
        kernelSize: 3,
        padding,
        strides: stride,
        dilationRate: dilation,
        useBias: false,
      });
      const y = T(layer.apply(x));
      const k = layer.weights[0]!;
      expect(k.shape).toEqual([3, 3, 2]);
      const eff = 2 * dilation + 1;
      const total = padding === 'same' ? Math.max(0, (Math.ceil(7 / stride) - 1) * stride + eff - 7) : 0;
      const pads =
        padding === 'causal'
          ? { before: eff - 1 }
          : { before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
      expectClose(y, conv1dRef(values(x), [2, 7, 3], values(k), [3, 3, 2], { stride, dilation, ...pads }), 1e-5);
      expect(layer.computeOutputShape([null, 7, 3])).toEqual([null, y.shape[1], 2]);
    });
  }

  it('causal: output t never depends on inputs after t', () => {
    const layer = conv1d({ filters: 1, kernelSize: 2, padding: 'causal', dilationRate: 2 });
    const a = values(layer.apply(x));
    const later = add(
      x,
      reshape(concat([tensor(new Array(2 * 5 * 3).fill(0), [2, 5, 3]), ones([2, 2, 3])], 1), [2, 7, 3]),
    );
    const b = values(layer.apply(later));
    for (let n = 0; n < 2; n++) expect(b.slice(n * 7, n * 7 + 5)).toEqual(a.slice(n * 7, n * 7 + 5));
  });

  it('gradients match finite differences; options are validated', () => {
    const layer = conv1d({
      filters: 2,
      kernelSize: 2,
      padding: 'causal',
      activation: 'tanh',
      biasInitializer: { name: 'constant', value: 0.1 },
    });
    const xs = randomNormal([1, 4, 2], 0, 1, 'float32', 2);
    layer.apply(xs);
    const r = checkLayerGradients(layer, [xs]);
    expect(r.ok, r.message).toBe(true);
    expect(() => conv1d({ filters: 1, kernelSize: [2, 2] as never })).toThrow(
      new ValueError('conv1d: kernelSize must be a positive integer or a list of 1, received [2,2]'),
    );
    expect(() => conv1d({ filters: 1, kernelSize: 2, padding: 'full' as never })).toThrow(
      new ValueError("conv1d: padding must be 'valid' or 'same' or 'causal', received \"full\""),
    );
  });
});

describe('Conv2D groups', () => {
  it('equals separate convolutions of the channel groups, concatenated; gradients flow', () => {
    const layer = conv2d({ filters: 4, kernelSize: 2, groups: 2, useBias: false });
    const x = randomNormal([1, 4, 4, 6], 0, 1, 'float32', 3);
    const y = T(layer.apply(x));
    const k = layer.weights[0]!;
    expect(k.shape).toEqual([2, 2, 3, 4]);
    const part = (g: number) =>
      conv2dOp(slice(x, [0, 0, 0, 3 * g], [1, 4, 4, 3]), slice(k, [0, 0, 0, 2 * g], [2, 2, 3, 2]));
    expectClose(y, values(concat([part(0), part(1)], 3)), 1e-6);
    const small = conv2d({ filters: 2, kernelSize: 2, groups: 2 });
    const xs = randomNormal([1, 3, 3, 2], 0, 1, 'float32', 4);
    small.apply(xs);
    expect(checkLayerGradients(small, [xs]).ok).toBe(true);
    expect(() => conv2d({ filters: 3, kernelSize: 2, groups: 2 })).toThrow(
      new ValueError('conv2d: filters (3) must be divisible by groups (2)'),
    );
    expect(() => conv2d({ filters: 2, kernelSize: 2, groups: 2, name: 'g' }).apply(ones([1, 3, 3, 3]))).toThrow(
      new ValueError('g: input channels (3) must be divisible by groups (2)'),
    );
  });
});

describe('Conv2DTranspose', () => {
  it('upsamples by the strides (Keras output sizes) and spreads pixels over the kernel', () => {
    const layer = conv2dTranspose({ filters: 1, kernelSize: 2, strides: 2, kernelInitializer: 'ones', useBias: false });
    const y = T(layer.apply(tensor([1, 2, 3, 4], [1, 2, 2, 1])));
    expect(y.shape).toEqual([1, 4, 4, 1]);
    expect(values(y)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    expect(conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2 }).computeOutputShape([null, 5, 4, 3])).toEqual([
      null,
      11,
      9,
      2,
    ]);
    expect(
      conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }).computeOutputShape([null, 5, 4, 3]),
    ).toEqual([null, 10, 8, 2]);
    const v = conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2 });
    expect(T(v.apply(ones([1, 5, 4, 3]))).shape).toEqual([1, 11, 9, 2]);
    expect(v.weights[0]!.shape).toEqual([3, 3, 2, 3]);
  });

  it('gradients match finite differences; dilation is refused', () => {
    const layer = conv2dTranspose({
      filters: 2,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      activation: 'tanh',
      biasInitializer: { name: 'constant', value: 0.1 },
    });
    const x = randomNormal([1, 2, 2, 2], 0, 1, 'float32', 5);
    layer.apply(x);
    const r = checkLayerGradients(layer, [x]);
    expect(r.ok, r.message).toBe(true);
    expect(() => conv2dTranspose({ filters: 1, kernelSize: 2, dilationRate: 2 })).toThrow(
      new ValueError('conv2d_transpose: dilationRate must be 1, received [2,2]'),
    );
  });
});

describe('DepthwiseConv2D and SeparableConv2D', () => {
  const x = randomNormal([2, 5, 5, 3], 0, 1, 'float32', 6);

  it('depthwise: the op with the layer kernel, plus bias; multiplier channels', () => {
    const layer = depthwiseConv2d({
      kernelSize: 3,
      depthMultiplier: 2,
      strides: 2,
      padding: 'same',
      biasInitializer: { name: 'constant', value: 0.5 },
    });
    const y = T(layer.apply(x));
    expect(y.shape).toEqual([2, 3, 3, 6]);
    expect(layer.computeOutputShape([null, 5, 5, 3])).toEqual([null, 3, 3, 6]);
    expect(layer.weights.map((w) => w.name.split('/')[1])).toEqual(['depthwise_kernel', 'bias']);
    expectClose(
      y,
      values(depthwiseOp(x, layer.weights[0]!, 2, 'same')).map((v) => v + 0.5),
      1e-5,
    );
    const r = checkLayerGradients(layer, [randomNormal([1, 3, 3, 3], 0, 1, 'float32', 7)]);
    expect(r.ok, r.message).toBe(true);
  });

  it('separable: depthwise then pointwise 1x1; gradients', () => {
    const layer = separableConv2d({ filters: 4, kernelSize: 2, depthMultiplier: 2, activation: 'relu' });
    const y = T(layer.apply(x));
    const [dk, pk, b] = layer.weights;
    expect([dk!.shape, pk!.shape, b!.shape]).toEqual([[2, 2, 3, 2], [1, 1, 6, 4], [4]]);
    expect(y.shape).toEqual([2, 4, 4, 4]);
    const ref = values(conv2dOp(depthwiseOp(x, dk!), pk!)).map((v) => Math.max(0, v));
    expectClose(y, ref, 1e-5);
    const s = separableConv2d({ filters: 2, kernelSize: 2, activation: 'tanh' });
    const xs = randomNormal([1, 3, 3, 2], 0, 1, 'float32', 8);
    s.apply(xs);
    const r = checkLayerGradients(s, [xs]);
    expect(r.ok, r.message).toBe(true);
    expect(() => separableConv2d({ filters: 0, kernelSize: 2 })).toThrow(
      new ValueError('separable_conv2d: filters must be a positive integer, received 0'),
    );
  });
});

describe('1-D and global pooling', () => {
  const x = tensor([1, 5, 2, 4, 3, 0], [1, 6, 1]);

  it('max and average over windows of steps', () => {
    expect(values(maxPooling1d().apply(x))).toEqual([5, 4, 3]);
    expect(values(averagePooling1d({ poolSize: 3, strides: 3 }).apply(x))).toEqual([8 / 3, 7 / 3].map(Math.fround));
    expect(values(maxPooling1d({ poolSize: 2, strides: 1, padding: 'same' }).apply(x))).toEqual([5, 5, 4, 4, 3, 0]);
    expect(maxPooling1d({ poolSize: 4 }).computeOutputShape([null, 9, 2])).toEqual([null, 2, 2]);
    expect(() => maxPooling1d({ poolSize: 0 })).toThrow(
      new ValueError('max_pooling1d: poolSize must be a positive integer or a list of 1, received 0'),
    );
  });

  it('global max and mean over steps or pixels; gradients', () => {
    const s = tensor([1, 2, 3, 4, 5, 0], [1, 3, 2]);
    expect(values(globalMaxPooling1d().apply(s))).toEqual([5, 4]);
    expect(values(globalAveragePooling1d().apply(s))).toEqual([3, 2]);
    expect(values(globalMaxPooling2d().apply(reshape(s, [1, 3, 1, 2])))).toEqual([5, 4]);
    expect(globalMaxPooling2d().computeOutputShape([null, 4, 4, 7])).toEqual([null, 7]);
    const layer = globalMaxPooling1d();
    const xs = randomNormal([2, 4, 3], 0, 1, 'float32', 9);
    layer.apply(xs);
    expect(checkLayerGradients(layer, [xs]).ok).toBe(true);
    expect(() => globalMaxPooling2d({ name: 'g' }).apply(s)).toThrow(
      new ShapeError('g: expected input of rank 4, received shape [1,3,2]'),
    );
  });

  it('global average pooling 1D leaves masked steps out of the mean, as Keras does', () => {
    // Steps whose features are all 0 are masked: sample 0 keeps steps 0 and 2, sample 1 keeps step 1 only.
    const x = tensor([1, 2, 0, 0, 5, 8, 0, 0, 3, -3, 0, 0], [2, 3, 2]);
    const pooled = globalAveragePooling1d().apply(masking({ maskValue: 0 }).apply(x));
    // Hand-computed: (1 + 5) / 2, (2 + 8) / 2; 3 / 1, −3 / 1 (tfjs would give 2, 3.33…; 1, −1: it ignores the mask).
    expect(values(pooled)).toEqual([3, 5, 3, -3]);
    expectClose(globalAveragePooling1d().apply(x), [2, 10 / 3, 1, -1], 1e-6);
    // Keras divides by the number of real steps: a sample with none is 0/0.
    const empty = globalAveragePooling1d().apply(masking({ maskValue: 0 }).apply(tensor([0, 0, 0, 0], [1, 2, 2])));
    expect(values(empty).every(Number.isNaN)).toBe(true);
  });

  it('a functional model passes the mask to global average pooling, and its output carries none', () => {
    const i = input({ shape: [3, 2] });
    const model = new Functional({
      inputs: i,
      outputs: globalAveragePooling1d().apply(masking({ maskValue: 0 }).apply(i)),
    });
    const x = tensor([1, 2, 0, 0, 5, 8], [1, 3, 2]);
    expect(values(model.apply(x) as ReturnType<typeof tensor>)).toEqual([3, 5]);
    expect(globalAveragePooling1d().computeMask()).toBeUndefined();
  });
});
