import jpeg from 'jpeg-js';
import pngjs from 'pngjs';

/** Decoded pixels: RGBA bytes, row by row. */
export interface Rgba {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Decodes a PNG (pngjs) or JPEG (jpeg-js) file by its signature bytes. Throws the decoder's error for a damaged
 * file and a plain Error for any other format.
 *
 * @example
 * const img = decodeImage(readFileSync('digit.png')); // { data, width: 28, height: 28 }
 */
export function decodeImage(bytes: Uint8Array): Rgba {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: png.data, width: png.width, height: png.height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
    return { data: img.data, width: img.width, height: img.height };
  }
  throw new Error('not a PNG or JPEG file');
}

/**
 * One channel plane in [0, 1]: grey (luma) when `channel` is undefined, else red, green or blue (0, 1, 2).
 * Transparent pixels count as background (white), as they show on a page.
 */
export function plane(img: Rgba, channel?: 0 | 1 | 2): Float32Array {
  const out = new Float32Array(img.width * img.height);
  const d = img.data;
  for (let i = 0; i < out.length; i++) {
    const a = d[4 * i + 3]! / 255;
    const v =
      channel === undefined ? 0.299 * d[4 * i]! + 0.587 * d[4 * i + 1]! + 0.114 * d[4 * i + 2]! : d[4 * i + channel]!;
    out[i] = (v / 255) * a + (1 - a);
  }
  return out;
}

/** Resizes one plane to w × h by averaging the source pixels each output pixel covers (area resampling). */
export function resizeArea(src: Float32Array, srcW: number, srcH: number, w: number, h: number): Float32Array {
  const out = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [y0, y1] = [
        Math.floor((y * srcH) / h),
        Math.max(Math.floor((y * srcH) / h) + 1, Math.floor(((y + 1) * srcH) / h)),
      ];
      const [x0, x1] = [
        Math.floor((x * srcW) / w),
        Math.max(Math.floor((x * srcW) / w) + 1, Math.floor(((x + 1) * srcW) / w)),
      ];
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += src[yy * srcW + xx]!;
      out[y * w + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}
