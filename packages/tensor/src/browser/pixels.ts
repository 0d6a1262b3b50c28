import { ShapeError, ValueError, fmtShape } from '../errors.js';
import { engine } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from '../ops/convert.js';

/** Raw RGBA pixels, four bytes per pixel, row by row: what `ImageData` holds, usable without a DOM. */
export interface PixelData {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** Something a 2-D canvas can draw: an image, a canvas, a video frame or an ImageBitmap. */
interface Drawable {
  readonly width?: number;
  readonly height?: number;
  readonly videoWidth?: number;
  readonly videoHeight?: number;
}

interface Canvas2D {
  getImageData(x: number, y: number, w: number, h: number): PixelData;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
  putImageData(data: unknown, x: number, y: number): void;
}
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): Canvas2D | null;
}

function isPixelData(x: unknown): x is PixelData {
  return (
    typeof x === 'object' &&
    x !== null &&
    'data' in x &&
    'width' in x &&
    'height' in x &&
    typeof (x as { data: unknown }).data === 'object'
  );
}

/** A 2-D context of a fresh canvas of this size: OffscreenCanvas where it exists, else a DOM canvas. */
function scratchContext(op: string, width: number, height: number): Canvas2D {
  const g = globalThis as {
    OffscreenCanvas?: new (w: number, h: number) => CanvasLike;
    document?: { createElement(t: 'canvas'): CanvasLike };
  };
  let canvas: CanvasLike | undefined;
  if (g.OffscreenCanvas) canvas = new g.OffscreenCanvas(width, height);
  else if (g.document) {
    canvas = g.document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas?.getContext('2d');
  if (!ctx) {
    throw new ValueError(
      `${op}: reading an image, canvas, video or ImageBitmap needs a browser (no OffscreenCanvas or document here); ` +
        'in Node pass pixel data as a plain { data, width, height } object (RGBA bytes)',
    );
  }
  return ctx;
}

function readPixels(op: string, pixels: unknown): PixelData {
  if (isPixelData(pixels)) return pixels;
  if (typeof pixels !== 'object' || pixels === null) {
    throw new ValueError(
      `${op}: pixels must be ImageData, an image, canvas, video, ImageBitmap or { data, width, height }, received ${pixels === null ? 'null' : typeof pixels}`,
    );
  }
  const d = pixels as Drawable;
  const width = d.videoWidth || d.width || 0;
  const height = d.videoHeight || d.height || 0;
  if (!(width > 0 && height > 0))
    throw new ValueError(
      `${op}: the image has no size yet (width ${width}, height ${height}); wait until it has loaded`,
    );
  const ctx = scratchContext(op, width, height);
  ctx.drawImage(pixels, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}

/**
 * An int32 tensor [height, width, numChannels] of an image's pixel values (0–255), as TensorFlow.js's
 * `browser.fromPixels`. Accepts ImageData, image, canvas, video and ImageBitmap elements in a browser, and a plain
 * `{ data, width, height }` object of RGBA bytes anywhere (Node too).
 * @example browser.fromPixels({ data: new Uint8Array([255, 0, 0, 255]), width: 1, height: 1 }) // → [[[255, 0, 0]]]
 */
export function fromPixels(pixels: PixelData | object, numChannels = 3): Tensor {
  if (numChannels !== 1 && numChannels !== 3 && numChannels !== 4) {
    throw new ValueError(`fromPixels: numChannels must be 1, 3 or 4, received ${numChannels}`);
  }
  const { data, width, height } = readPixels('fromPixels', pixels);
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 0 ||
    height < 0 ||
    data.length !== width * height * 4
  ) {
    throw new ShapeError(
      `fromPixels: data must hold width·height·4 = ${width * height * 4} RGBA bytes for ${width}×${height}, received ${data.length}`,
    );
  }
  const n = width * height;
  const out = new Int32Array(n * numChannels);
  for (let p = 0; p < n; p++) for (let c = 0; c < numChannels; c++) out[p * numChannels + c] = data[p * 4 + c]!;
  return engine.makeTensor(out, [height, width, numChannels], 'int32');
}

/**
 * The RGBA bytes of a [height, width] or [height, width, 1|3|4] image tensor — float32 values in [0, 1], int32 in
 * [0, 255] — drawn onto `canvas` too when one is given (browser only). As TensorFlow.js's `browser.toPixels`.
 * @example const rgba = await browser.toPixels(tensor([[[1, 0, 0]]])); // Uint8ClampedArray [255, 0, 0, 255]
 */
export async function toPixels(img: TensorLike, canvas?: CanvasLike): Promise<Uint8ClampedArray> {
  const t = toTensor(img, 'img', 'toPixels');
  if (t.rank !== 2 && t.rank !== 3)
    throw new ShapeError(`toPixels: img must be rank 2 or 3, received shape ${fmtShape(t.shape)}`);
  const [height, width] = t.shape as [number, number];
  const depth = t.rank === 2 ? 1 : t.shape[2]!;
  if (depth !== 1 && depth !== 3 && depth !== 4)
    throw new ShapeError(`toPixels: img must have 1, 3 or 4 channels, received ${depth}`);
  if (t.dtype !== 'float32' && t.dtype !== 'int32')
    throw new ValueError(`toPixels: img must be float32 or int32, received ${t.dtype}`);
  const values = await t.data();
  const scale = t.dtype === 'float32' ? 255 : 1;
  const limit = t.dtype === 'float32' ? 1 : 255;
  const bytes = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const rgba = [0, 0, 0, 255];
    for (let c = 0; c < depth; c++) {
      const v = values[p * depth + c]!;
      if (!(v >= 0 && v <= limit)) {
        throw new ValueError(`toPixels: ${t.dtype} values must be in [0, ${limit}], received ${v} at pixel ${p}`);
      }
      rgba[c] = Math.round(v * scale);
    }
    if (depth === 1) rgba[1] = rgba[2] = rgba[0]!;
    bytes.set(rgba, p * 4);
  }
  if (canvas) {
    const g = globalThis as { ImageData?: new (d: Uint8ClampedArray, w: number, h: number) => unknown };
    const ctx = canvas.getContext('2d');
    if (!ctx || !g.ImageData)
      throw new ValueError('toPixels: drawing onto a canvas needs a browser 2-D canvas context');
    canvas.width = width;
    canvas.height = height;
    ctx.putImageData(new g.ImageData(bytes, width, height), 0, 0);
  }
  return bytes;
}
