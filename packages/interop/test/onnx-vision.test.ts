import { describe, expect, it } from 'vitest';
import { type Tensor, randomNormal } from '@rectify/tensor';
import {
  type Layer,
  conv2d,
  conv2dTranspose,
  cropping1d,
  cropping2d,
  dense,
  depthwiseConv2d,
  flatten,
  globalMaxPooling2d,
  separableConv2d,
  upSampling1d,
  upSampling2d,
  zeroPadding1d,
  zeroPadding2d,
} from '@rectify/layers';
import { applyStack, compareWithOrt, normal } from './helpers.js';

/** A stack built on `x` with every weight redrawn (biases included), compared with ONNX Runtime. */
async function stackDiff(layers: Layer[], x: Tensor): Promise<{ diff: number; dims: readonly number[] }> {
  applyStack(layers, x);
  layers.forEach((l, i) =>
    l.weights.forEach((w, j) => w.assign(randomNormal(w.shape, 0, 0.3, 'float32', 100 + i * 10 + j))),
  );
  return compareWithOrt({ layers, batchInputShape: [null, ...x.shape.slice(1)] }, { input: x }, applyStack(layers, x));
}

const image = () => normal([2, 6, 5, 4]);

describe('exportOnnx: modern vision layers match ONNX Runtime within 1e-5', () => {
  it.each([
    [
      'Conv2DTranspose same, stride 2',
      () => [conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' })],
    ],
    ['Conv2DTranspose valid, kernel 3 stride 2', () => [conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2 })]],
    [
      'Conv2DTranspose, kernel shorter than the stride (output padding), relu',
      () => [conv2dTranspose({ filters: 2, kernelSize: [1, 2], strides: [3, 2], activation: 'relu' })],
    ],
    [
      'Conv2DTranspose same, even kernel, unequal strides',
      () => [conv2dTranspose({ filters: 2, kernelSize: 4, strides: [2, 1], padding: 'same', useBias: false })],
    ],
    [
      'DepthwiseConv2D, depth multiplier 2, same',
      () => [depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' })],
    ],
    ['DepthwiseConv2D strided, tanh', () => [depthwiseConv2d({ kernelSize: [2, 3], strides: 2, activation: 'tanh' })]],
    [
      'SeparableConv2D, dilated, relu',
      () => [separableConv2d({ filters: 5, kernelSize: 2, dilationRate: 2, depthMultiplier: 2, activation: 'relu' })],
    ],
    ['Conv2D with groups 2', () => [conv2d({ filters: 6, kernelSize: 3, groups: 2, padding: 'same' })]],
    ['Conv2D depthwise as groups = channels', () => [conv2d({ filters: 8, kernelSize: 2, groups: 4 })]],
    ['UpSampling2D nearest [2, 3]', () => [upSampling2d({ size: [2, 3] })]],
    [
      'UpSampling2D bilinear (half-pixel centres) [2, 3]',
      () => [upSampling2d({ size: [2, 3], interpolation: 'bilinear' })],
    ],
    ['UpSampling2D bilinear 3', () => [upSampling2d({ size: 3, interpolation: 'bilinear' })]],
    [
      'ZeroPadding2D [[1, 2], [0, 3]] → conv',
      () => [
        zeroPadding2d({
          padding: [
            [1, 2],
            [0, 3],
          ],
        }),
        conv2d({ filters: 2, kernelSize: 2 }),
      ],
    ],
    [
      'Cropping2D [[1, 0], [2, 1]]',
      () => [
        cropping2d({
          cropping: [
            [1, 0],
            [2, 1],
          ],
        }),
      ],
    ],
    ['GlobalMaxPooling2D', () => [globalMaxPooling2d()]],
  ] as const)('%s', async (_name, make) => {
    const layers = [...(make() as readonly Layer[]), flatten(), dense({ units: 3 })];
    const r = await stackDiff(layers, image());
    expect(r.dims).toEqual([2, 3]);
    expect(r.diff).toBeLessThan(1e-5);
  });

  it('UpSampling1D, ZeroPadding1D and Cropping1D on sequences', async () => {
    const layers = [
      upSampling1d({ size: 3 }),
      zeroPadding1d({ padding: [2, 1] }),
      cropping1d({ cropping: [1, 3] }),
      flatten(),
      dense({ units: 2 }),
    ];
    const r = await stackDiff(layers, normal([2, 4, 3], 1.5));
    expect(r.dims).toEqual([2, 2]);
    expect(r.diff).toBeLessThan(1e-5);
  });
});
