import { beforeAll, describe, expect, it } from 'vitest';
import { RectifyError, ValueError, browser, image, memory, nextFrame, setSeed, tensor, util } from '@rectify/tensor';
import { expectLikeTfjs, tf, tfjsReady } from './tfjs-reference.js';

beforeAll(tfjsReady);

describe('util', () => {
  it('shuffle permutes in place, reproducibly with a seed', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = [...a];
    util.shuffle(a, 7);
    util.shuffle(b, 7);
    expect(a).toEqual(b);
    expect(a).not.toEqual([...a].sort((x, y) => x - y));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    setSeed(3);
    const c = Float32Array.from({ length: 20 }, (_, i) => i);
    util.shuffle(c);
    setSeed(3);
    const d = Float32Array.from({ length: 20 }, (_, i) => i);
    util.shuffle(d);
    expect(c).toEqual(d);
    expect(() => util.shuffle('abc' as never)).toThrow(
      /shuffle: array must be an array or a typed array, received string/,
    );
  });

  it('shuffleCombo keeps pairs together; createShuffledIndices is a permutation', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7];
    const ys = xs.map((v) => `y${v}`);
    util.shuffleCombo(xs, ys, 11);
    xs.forEach((v, i) => expect(ys[i]).toBe(`y${v}`));
    expect(() => util.shuffleCombo([1], [1, 2])).toThrow(/same length, received 1 and 2/);
    const idx = util.createShuffledIndices(10, 5);
    expect(idx).toBeInstanceOf(Uint32Array);
    expect([...idx].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('has TensorFlow.js helpers with the same results', () => {
    expect(util.sizeFromShape([2, 3, 4])).toBe(tf.util.sizeFromShape([2, 3, 4]));
    expect(util.sizeFromShape([])).toBe(1);
    expect(util.arraysEqual([1, 2], Float32Array.of(1, 2))).toBe(true);
    expect(util.arraysEqual([1, 2], [1, 3])).toBe(false);
    expect(
      util.flatten([
        [1, 2],
        [3, [4, Int32Array.of(5)]],
      ] as never),
    ).toEqual(
      tf.util.flatten([
        [1, 2],
        [3, [4, Int32Array.of(5)]],
      ] as never),
    );
    expect(util.computeStrides([2, 3, 4])).toEqual(tf.util.computeStrides([2, 3, 4]));
    expect(util.inferFromImplicitShape([2, -1], 6)).toEqual([2, 3]);
    expect(util.clamp(0, 5, 3)).toBe(3);
    expect(util.isInt(2)).toBe(true);
    expect(util.decodeString(util.encodeString('hé'))).toBe('hé');
    expect(typeof util.now()).toBe('number');
    expect(() => util.assert(false, () => 'custom message')).toThrow(RectifyError);
    expect(() => util.assert(1 > 2, () => 'custom message')).toThrow('custom message');
    expect(() => util.assertShapesMatch([1, 2], [2, 1], 'myOp: ')).toThrow(
      /myOp: shapes \[1,2\] and \[2,1\] must match/,
    );
    expect(() => util.assertNonNull(null)).toThrow(ValueError);
  });

  it('nextFrame resolves', async () => {
    await expect(nextFrame()).resolves.toBeUndefined();
  });
});

describe('browser', () => {
  const pixels = { data: Uint8Array.from([255, 0, 0, 255, 0, 128, 64, 200]), width: 2, height: 1 };

  it('fromPixels reads { data, width, height } RGBA bytes anywhere, as tfjs', () => {
    for (const channels of [1, 3, 4]) {
      const ours = browser.fromPixels(pixels, channels);
      expect(ours.dtype).toBe('int32');
      expectLikeTfjs(ours, tf.browser.fromPixels(pixels, channels));
    }
    expect(() => browser.fromPixels(pixels, 2)).toThrow(/numChannels must be 1, 3 or 4, received 2/);
    expect(() => browser.fromPixels({ data: new Uint8Array(3), width: 1, height: 1 })).toThrow(
      /4 RGBA bytes for 1×1, received 3/,
    );
  });

  it('fromPixels of an element explains that Node has no canvas', () => {
    expect(() => browser.fromPixels({ width: 2, height: 2 } as object)).toThrow(
      /needs a browser .* pass pixel data as a plain \{ data, width, height \}/,
    );
  });

  it('toPixels gives RGBA bytes from float [0, 1] and int [0, 255] images', async () => {
    const f = await browser.toPixels(tensor([[[1, 0, 0.5]], [[0, 0.25, 1]]]));
    expect(Array.from(f)).toEqual(
      Array.from(await tf.browser.toPixels(tf.tensor([[[1, 0, 0.5]], [[0, 0.25, 1]]]) as tf.Tensor3D)),
    );
    const g = await browser.toPixels(tensor([[7, 200]], undefined, 'int32'));
    expect(Array.from(g)).toEqual([7, 7, 7, 255, 200, 200, 200, 255]);
    await expect(browser.toPixels(tensor([[[2, 0, 0]]]))).rejects.toThrow(
      /float32 values must be in \[0, 1\], received 2/,
    );
    await expect(browser.toPixels(tensor([1, 2]))).rejects.toThrow(/rank 2 or 3/);
  });
});

describe('image', () => {
  const img = [
    [
      [1, 10],
      [2, 20],
      [4, 40],
    ],
    [
      [8, 80],
      [16, 160],
      [32, 320],
    ],
  ];

  it.each([
    [false, false],
    [true, false],
    [false, true],
  ])('resizeBilinear matches tfjs (alignCorners %s, halfPixelCenters %s)', (ac, hp) => {
    for (const size of [
      [4, 5],
      [1, 2],
      [3, 3],
      [2, 3],
    ] as Array<[number, number]>) {
      expectLikeTfjs(image.resizeBilinear(img, size, ac, hp), tf.image.resizeBilinear(tf.tensor3d(img), size, ac, hp));
      expectLikeTfjs(
        image.resizeNearestNeighbor(img, size, ac, hp),
        tf.image.resizeNearestNeighbor(tf.tensor3d(img), size, ac, hp),
      );
    }
  });

  it('keeps batches and the dtype (nearest), and rejects bad arguments', () => {
    const batch = tensor([img, img]);
    expect(image.resizeBilinear(batch, [3, 4]).shape).toEqual([2, 3, 4, 2]);
    expect(image.resizeNearestNeighbor(tensor(img, undefined, 'int32'), [4, 4]).dtype).toBe('int32');
    expect(() => image.resizeBilinear(tensor([1, 2]), [2, 2])).toThrow(/images must be rank 3 or 4/);
    expect(() => image.resizeBilinear(img, [0, 2])).toThrow(/size must be \[newHeight, newWidth\]/);
    expect(() => image.resizeNearestNeighbor(img, [2, 2], true, true)).toThrow(/cannot both be true/);
  });
});

describe('memory', () => {
  it('reports TensorFlow.js field names', () => {
    const m = memory();
    expect(m).toMatchObject({ unreliable: false });
    expect(typeof m.numTensors).toBe('number');
    expect(typeof m.numBytes).toBe('number');
    expect(typeof m.numDataBuffers).toBe('number');
  });
});
