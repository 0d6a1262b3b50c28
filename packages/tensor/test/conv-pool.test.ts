import { describe, expect, it } from 'vitest';
import { PRNGKey, avgPool, avgPool2d, conv2d, conv2dInfo, maxPool, maxPool2d, tensor } from '@rectify/tensor';
import { expectClose } from '@rectify/tensor/testing';

type Pad = 'same' | 'valid' | number;

/** Output size and leading pad along one axis, TensorFlow's rules, re-derived here for the reference. */
function geometry(n: number, k: number, s: number, d: number, pad: Pad): [number, number] {
  const eff = (k - 1) * d + 1;
  if (pad === 'valid') return [Math.floor((n - eff) / s) + 1, 0];
  if (pad === 'same') {
    const out = Math.ceil(n / s);
    return [out, Math.floor(Math.max(0, (out - 1) * s + eff - n) / 2)];
  }
  return [Math.floor((n + 2 * pad - eff) / s) + 1, pad];
}

/** Direct convolution in float64, NHWC, filter HWIO. */
function refConv(
  x: Float64Array,
  xs: number[],
  w: Float64Array,
  ws: number[],
  s: [number, number],
  pad: Pad,
  d: [number, number],
) {
  const [B, H, W, C] = xs as [number, number, number, number];
  const [KH, KW, , O] = ws as [number, number, number, number];
  const [OH, pt] = geometry(H, KH, s[0], d[0], pad);
  const [OW, pl] = geometry(W, KW, s[1], d[1], pad);
  const out = new Float64Array(B * OH * OW * O);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let o = 0; o < O; o++) {
          let acc = 0;
          for (let kh = 0; kh < KH; kh++)
            for (let kw = 0; kw < KW; kw++) {
              const ih = oh * s[0] - pt + kh * d[0];
              const iw = ow * s[1] - pl + kw * d[1];
              if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
              for (let c = 0; c < C; c++)
                acc += x[((b * H + ih) * W + iw) * C + c]! * w[((kh * KW + kw) * C + c) * O + o]!;
            }
          out[((b * OH + oh) * OW + ow) * O + o] = acc;
        }
  return { out, shape: [B, OH, OW, O] };
}

function refPool(
  x: Float64Array,
  xs: number[],
  k: [number, number],
  s: [number, number],
  pad: Pad,
  kind: 'max' | 'avg',
) {
  const [B, H, W, C] = xs as [number, number, number, number];
  const [OH, pt] = geometry(H, k[0], s[0], 1, pad);
  const [OW, pl] = geometry(W, k[1], s[1], 1, pad);
  const out = new Float64Array(B * OH * OW * C);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let c = 0; c < C; c++) {
          let m = -Infinity;
          let sum = 0;
          let n = 0;
          for (let kh = 0; kh < k[0]; kh++)
            for (let kw = 0; kw < k[1]; kw++) {
              const ih = oh * s[0] - pt + kh;
              const iw = ow * s[1] - pl + kw;
              if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
              const v = x[((b * H + ih) * W + iw) * C + c]!;
              m = Math.max(m, v);
              sum += v;
              n++;
            }
          out[((b * OH + oh) * OW + ow) * C + c] = kind === 'max' ? m : sum / n;
        }
  return { out, shape: [B, OH, OW, C] };
}

function rand(shape: number[], seed: number): { t: ReturnType<typeof tensor>; v: Float64Array } {
  const v = Float64Array.from(PRNGKey.fromSeed(seed).normal(shape.reduce((a, b) => a * b, 1)), Math.fround);
  return { t: tensor(Float32Array.from(v), shape), v };
}

describe('conv2d', () => {
  it('computes a 3×3 valid convolution by hand', () => {
    // x = 1..9 as a 3×3 image, a 2×2 filter [[1, 0], [0, -1]]: out = x[i][j] − x[i+1][j+1] = −4 everywhere.
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const f = tensor([1, 0, 0, -1], [2, 2, 1, 1]);
    expect(conv2d(x, f, 1, 'valid').arraySync()).toEqual([
      [
        [[-4], [-4]],
        [[-4], [-4]],
      ],
    ]);
    // 'same' pads after (TensorFlow puts the odd pixel at the end): the last row/column see zeros.
    expect(conv2d(x, f, 1, 'same').arraySync()).toEqual([
      [
        [[-4], [-4], [3]],
        [[-4], [-4], [6]],
        [[7], [8], [9]],
      ],
    ]);
  });

  const configs: Array<{ x: number[]; f: number[]; s: [number, number]; pad: Pad; d: [number, number] }> = [
    { x: [2, 7, 7, 3], f: [3, 3, 3, 4], s: [1, 1], pad: 'valid', d: [1, 1] },
    { x: [2, 7, 7, 3], f: [3, 3, 3, 4], s: [1, 1], pad: 'same', d: [1, 1] },
    { x: [1, 13, 10, 2], f: [3, 3, 2, 5], s: [2, 2], pad: 'same', d: [1, 1] },
    { x: [1, 13, 10, 2], f: [3, 3, 2, 5], s: [2, 3], pad: 'valid', d: [1, 1] },
    { x: [2, 7, 7, 3], f: [3, 3, 3, 2], s: [1, 1], pad: 'same', d: [2, 2] },
    { x: [1, 9, 8, 2], f: [2, 3, 2, 3], s: [1, 1], pad: 'valid', d: [3, 1] },
    { x: [1, 6, 6, 1], f: [4, 4, 1, 2], s: [2, 2], pad: 'same', d: [1, 1] },
    { x: [2, 5, 5, 3], f: [3, 3, 3, 2], s: [1, 1], pad: 2, d: [1, 1] },
    { x: [1, 28, 28, 1], f: [5, 5, 1, 4], s: [1, 1], pad: 'same', d: [1, 1] },
  ];
  for (const [i, c] of configs.entries()) {
    it(`matches a direct float64 convolution: x[${c.x}] f[${c.f}] strides ${c.s} pad ${c.pad} dilations ${c.d}`, () => {
      const x = rand(c.x, 10 + i);
      const f = rand(c.f, 20 + i);
      const ref = refConv(x.v, c.x, f.v, c.f, c.s, c.pad, c.d);
      const y = conv2d(x.t, f.t, c.s, c.pad, 'NHWC', c.d);
      expect(y.shape).toEqual(ref.shape);
      expectClose(y, ref.out, 1e-5);
    });
  }

  it('accepts a rank-3 image (no batch axis)', () => {
    const x = rand([5, 5, 2], 1);
    const f = rand([3, 3, 2, 1], 2);
    const y = conv2d(x.t, f.t, 1, 'same');
    expect(y.shape).toEqual([5, 5, 1]);
    expectClose(y, refConv(x.v, [1, 5, 5, 2], f.v, [3, 3, 2, 1], [1, 1], 'same', [1, 1]).out, 1e-5);
  });

  it('resolves the geometry like TensorFlow', () => {
    const same = conv2dInfo([1, 7, 7, 1], [3, 3, 1, 1], 2, 'same');
    expect([same.outH, same.outW, same.padTop, same.padLeft]).toEqual([4, 4, 1, 1]);
    const even = conv2dInfo([1, 6, 6, 1], [4, 4, 1, 1], 2, 'same');
    expect([even.outH, even.padTop]).toEqual([3, 1]);
    const dil = conv2dInfo([1, 7, 7, 1], [3, 3, 1, 1], 1, 'valid', 2);
    expect([dil.outH, dil.outW]).toEqual([3, 3]);
  });
});

describe('pooling', () => {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 4, 4, 1]);
  it('max and average over 2×2 windows, stride 2 (hand-computed)', () => {
    expect(maxPool(x, 2, 2).arraySync()).toEqual([
      [
        [[6], [8]],
        [[14], [16]],
      ],
    ]);
    expect(avgPool(x, 2, 2).arraySync()).toEqual([
      [
        [[3.5], [5.5]],
        [[11.5], [13.5]],
      ],
    ]);
    expect(maxPool2d).toBe(maxPool);
    expect(avgPool2d).toBe(avgPool);
  });
  it("'same' padding: padding never wins a max and is not counted in an average", () => {
    const n = tensor([-1, -2, -3, -4], [1, 2, 2, 1]);
    expect(maxPool(n, 3, 1, 'same').arraySync()).toEqual([
      [
        [[-1], [-1]],
        [[-1], [-1]],
      ],
    ]);
    expect(avgPool(n, 3, 1, 'same').arraySync()).toEqual([
      [
        [[-2.5], [-2.5]],
        [[-2.5], [-2.5]],
      ],
    ]);
  });
  it('propagates NaN through a max window', () => {
    const n = tensor([1, NaN, 3, 4], [1, 2, 2, 1]);
    expectClose(maxPool(n, 2, 2), [NaN], 0);
  });
  const configs: Array<{ x: number[]; k: [number, number]; s: [number, number]; pad: Pad }> = [
    { x: [2, 7, 7, 3], k: [2, 2], s: [2, 2], pad: 'valid' },
    { x: [2, 7, 7, 3], k: [3, 3], s: [2, 2], pad: 'same' },
    { x: [1, 13, 10, 2], k: [2, 3], s: [1, 2], pad: 'valid' },
    { x: [1, 13, 10, 2], k: [3, 3], s: [1, 1], pad: 'same' },
    { x: [1, 6, 6, 2], k: [3, 3], s: [2, 2], pad: 1 },
  ];
  for (const [i, c] of configs.entries()) {
    it(`match float64 references: x[${c.x}] size ${c.k} strides ${c.s} pad ${c.pad}`, () => {
      const r = rand(c.x, 30 + i);
      const mx = refPool(r.v, c.x, c.k, c.s, c.pad, 'max');
      const av = refPool(r.v, c.x, c.k, c.s, c.pad, 'avg');
      expect(maxPool(r.t, c.k, c.s, c.pad).shape).toEqual(mx.shape);
      expectClose(maxPool(r.t, c.k, c.s, c.pad), mx.out, 0);
      expectClose(avgPool(r.t, c.k, c.s, c.pad), av.out, 1e-6);
    });
  }
});
