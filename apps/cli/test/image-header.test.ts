import { describe, expect, it } from 'vitest';
import pngjs from 'pngjs';
import { checkPixelBudget, DEFAULT_MAX_PIXELS, imageSize } from '../src/predict/image-header.js';

/** A real PNG of w × h grey pixels, encoded by pngjs. */
function png(w: number, h: number): Buffer {
  const image = new pngjs.PNG({ width: w, height: h });
  image.data.fill(200);
  return pngjs.PNG.sync.write(image);
}

/** A PNG whose IHDR is patched to declare w × h: what a decompression bomb looks like before decoding. */
function pngDeclaring(w: number, h: number): Buffer {
  const bytes = png(1, 1);
  bytes.writeUInt32BE(w, 16);
  bytes.writeUInt32BE(h, 20);
  return bytes;
}

/** A baseline JPEG's first segments: SOI, an APP0 (JFIF) segment, then SOF0 with height and width. */
function jpegHeader(w: number, h: number, marker = 0xc0): Uint8Array {
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ];
  const sof = [0xff, marker, 0x00, 0x0b, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 0x01, 0x01, 0x11, 0x00];
  return Uint8Array.from([0xff, 0xd8, 0xff, ...app0.slice(1), 0xff, 0xff, ...sof]);
}

describe('image sizes from the header alone', () => {
  it('PNG: width and height from IHDR', () => {
    expect(imageSize(png(28, 13))).toEqual({ format: 'PNG', width: 28, height: 13 });
    expect(imageSize(pngDeclaring(20000, 20000))).toEqual({ format: 'PNG', width: 20000, height: 20000 });
  });

  it('JPEG: width and height from the first start-of-frame, past other segments and fill bytes', () => {
    expect(imageSize(jpegHeader(640, 480))).toEqual({ format: 'JPEG', width: 640, height: 480 });
    expect(imageSize(jpegHeader(30000, 20000, 0xc2))).toEqual({ format: 'JPEG', width: 30000, height: 20000 });
    // A DHT segment (C4) is not a frame.
    expect(imageSize(jpegHeader(10, 10, 0xc4))).toBeUndefined();
  });

  it('neither format: undefined', () => {
    expect(imageSize(new Uint8Array(0))).toBeUndefined();
    expect(imageSize(new TextEncoder().encode('not an image at all, just some text'))).toBeUndefined();
  });
});

describe('the pixel budget', () => {
  it('refuses more pixels than the budget, naming the file, its size and the budget', () => {
    expect(DEFAULT_MAX_PIXELS).toBe(16_777_216);
    expect(() => checkPixelBudget('bomb.png', pngDeclaring(20000, 20000), DEFAULT_MAX_PIXELS)).toThrow(
      'bomb.png: the PNG image is 20000 × 20000 = 400,000,000 pixels, over the budget of 16,777,216; resize it, or raise the budget with --max-pixels',
    );
    expect(() => checkPixelBudget('photo.jpg', jpegHeader(5000, 4000), DEFAULT_MAX_PIXELS)).toThrow(
      'photo.jpg: the JPEG image is 5000 × 4000 = 20,000,000 pixels',
    );
    expect(() => checkPixelBudget('empty.png', pngDeclaring(0, 5), DEFAULT_MAX_PIXELS)).toThrow(
      'empty.png: the PNG header declares an empty image (0 × 5)',
    );
  });

  it('passes an image within the budget, the budget itself included', () => {
    expect(checkPixelBudget('ok.png', png(28, 28), 784)).toEqual({ format: 'PNG', width: 28, height: 28 });
    expect(() => checkPixelBudget('ok.png', png(28, 28), 783)).toThrow(
      'ok.png: the PNG image is 28 × 28 = 784 pixels, over the budget of 783',
    );
    expect(checkPixelBudget('x.bin', new Uint8Array(8), 1)).toBeUndefined();
  });
});
