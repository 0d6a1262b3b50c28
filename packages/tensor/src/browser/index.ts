/**
 * TensorFlow.js's `tf.browser`: image pixels in and out, as `rf.browser`.
 * @example
 * // browser-only: reads a canvas of the page
 * const canvas = document.querySelector('canvas')!;
 * const img = rf.browser.fromPixels(canvas); // int32 [h, w, 3]
 */
export { fromPixels, toPixels, type PixelData } from './pixels.js';
