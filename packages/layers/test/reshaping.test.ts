import { ShapeError, ValueError, randomNormal, tensor } from '@rectify/tensor';
import { describe, expect, it } from 'vitest';
import { cropping1d, cropping2d, upSampling1d, upSampling2d, zeroPadding1d, zeroPadding2d } from '@rectify/layers';
import { T, checkLayerGradients, expectClose, values } from './helpers.js';

describe('UpSampling', () => {
  it('1-D repeats steps; 2-D nearest repeats pixels', () => {
    expect(
      values(
        upSampling1d({ size: 3 }).apply(
          tensor([
            [
              [1, 2],
              [3, 4],
            ],
          ]),
        ),
      ),
    ).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    const y = T(upSampling2d({ size: [2, 1] }).apply(tensor([1, 2, 3, 4], [1, 2, 2, 1])));
    expect(y.shape).toEqual([1, 4, 2, 1]);
    expect(values(y)).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
  });

  it('bilinear uses half-pixel centres clamped at the edges (tf.image.resize, Keras 3)', () => {
    const y = T(upSampling2d({ size: [1, 2], interpolation: 'bilinear' }).apply(tensor([1, 2], [1, 1, 2, 1])));
    expectClose(y, [1, 1.25, 1.75, 2], 1e-6);
    const z = T(upSampling2d({ size: 2, interpolation: 'bilinear' }).apply(tensor([0, 4, 8, 12], [1, 2, 2, 1])));
    expectClose(z, [0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12], 1e-5);
    expect(() => upSampling2d({ interpolation: 'bicubic' as never })).toThrow(
      new ValueError("up_sampling2d: interpolation must be 'nearest' or 'bilinear', received \"bicubic\""),
    );
  });

  it('gradients match finite differences', () => {
    for (const layer of [
      upSampling2d({ size: 2, interpolation: 'bilinear' }),
      upSampling2d({ size: [1, 3] }),
      upSampling1d(),
    ]) {
      const x = randomNormal(
        layer instanceof Object && layer.className === 'UpSampling1D' ? [1, 3, 2] : [1, 2, 3, 2],
        0,
        1,
        'float32',
        1,
      );
      layer.apply(x);
      const r = checkLayerGradients(layer, [x]);
      expect(r.ok, r.message).toBe(true);
    }
  });
});

describe('ZeroPadding and Cropping', () => {
  const img = tensor([1, 2, 3, 4], [1, 2, 2, 1]);

  it('pads with zeros and crops the edges; shapes agree; they undo each other', () => {
    const p = T(
      zeroPadding2d({
        padding: [
          [1, 0],
          [0, 1],
        ],
      }).apply(img),
    );
    expect(values(p)).toEqual([0, 0, 0, 1, 2, 0, 3, 4, 0]);
    expect(
      values(
        cropping2d({
          cropping: [
            [1, 0],
            [0, 1],
          ],
        }).apply(p),
      ),
    ).toEqual([1, 2, 3, 4]);
    expect(values(zeroPadding1d({ padding: [2, 1] }).apply(tensor([[[5]]])))).toEqual([0, 0, 5, 0]);
    expect(values(cropping1d({ cropping: [1, 2] }).apply(tensor([[[1], [2], [3], [4]]])))).toEqual([2]);
    expect(zeroPadding2d({ padding: [1, 2] }).computeOutputShape([null, 3, null, 2])).toEqual([null, 5, null, 2]);
    expect(cropping2d({ cropping: 1 }).computeOutputShape([null, 3, 4, 2])).toEqual([null, 1, 2, 2]);
    const layer = cropping2d({
      cropping: [
        [0, 1],
        [1, 0],
      ],
    });
    const x = randomNormal([1, 3, 3, 2], 0, 1, 'float32', 2);
    layer.apply(x);
    expect(checkLayerGradients(layer, [x]).ok).toBe(true);
  });

  it('validates amounts with clear messages', () => {
    expect(() => zeroPadding2d({ padding: [1, 2, 3] as never })).toThrow(
      new ValueError(
        'zero_padding2d: padding must be a non-negative integer, 2 of them, or 2 [before, after] pairs, received [1,2,3]',
      ),
    );
    expect(() => cropping1d({ cropping: -1 })).toThrow(
      new ValueError('cropping1d: cropping must be a non-negative integer, or [before, after], received -1'),
    );
    expect(() => cropping1d({ cropping: 2, name: 'c' }).apply(tensor([[[1], [2], [3], [4]]]))).toThrow(
      new ShapeError('c: cropping [[2,2]] removes every element of axis 1 of shape [1,4,1]'),
    );
  });
});
