import { CliError } from '../errors.js';

/** An image's declared size, read from its header without decoding any pixel. */
export interface ImageSize {
  readonly format: 'PNG' | 'JPEG';
  readonly width: number;
  readonly height: number;
}

/** The default pixel budget: 4096 × 4096, far above what a model input is resized from, far below a memory bomb. */
export const DEFAULT_MAX_PIXELS = 4096 * 4096;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the signature, then the IHDR chunk, whose first 8 data bytes are width and height (big-endian). */
function pngSize(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { format: 'PNG', width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 but DHT C4, JPG C8, DAC CC), whose
 * data holds precision, height, width.
 */
function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        format: 'JPEG',
        height: (bytes[i + 5]! << 8) | bytes[i + 6]!,
        width: (bytes[i + 7]! << 8) | bytes[i + 8]!,
      };
    }
    if (marker === 0xd9 || marker === 0xda || length < 2) return undefined; // end of image or scan before any frame
    i += 2 + length;
  }
  return undefined;
}

/**
 * The width and height a PNG or JPEG file declares, from its header alone; undefined when `bytes` is neither.
 *
 * @example
 * imageSize(readFileSync('digit.png')); // { format: 'PNG', width: 28, height: 28 }
 */
export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  return pngSize(bytes) ?? jpegSize(bytes);
}

/**
 * Refuses an image whose header declares more than `maxPixels` pixels (or none), before a decoder allocates
 * width × height × 4 bytes for it: a 400 KB PNG can declare 20000 × 20000 pixels (1.6 GB decoded).
 *
 * @example
 * checkPixelBudget('photo.png', bytes, DEFAULT_MAX_PIXELS);
 */
export function checkPixelBudget(path: string, bytes: Uint8Array, maxPixels: number): ImageSize | undefined {
  const size = imageSize(bytes);
  if (size === undefined) return undefined;
  const pixels = size.width * size.height;
  if (pixels === 0)
    throw new CliError(`${path}: the ${size.format} header declares an empty image (${size.width} × ${size.height})`);
  if (pixels > maxPixels) {
    throw new CliError(
      `${path}: the ${size.format} image is ${size.width} × ${size.height} = ${pixels.toLocaleString('en-US')} pixels, over the budget of ${maxPixels.toLocaleString('en-US')}; resize it, or raise the budget with --max-pixels`,
    );
  }
  return size;
}
