import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { Tensor } from '@rectify/tensor';

export { tf };

/** TensorFlow.js on its pure-JS cpu backend, silenced: the reference the tfjs-compatible ops are compared with. */
export async function tfjsReady(): Promise<void> {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
}

/** Rectify's result equals tfjs's: same shape, and values within float32 rounding (`tol` relative + absolute). */
export function expectLikeTfjs(ours: Tensor, theirs: tf.Tensor, tol = 1e-6): void {
  expect([...ours.shape]).toEqual(theirs.shape);
  const a = ours.dataSync();
  const b = theirs.dataSync() as ArrayLike<number>;
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, Number(b[i]!)];
    if (Number.isNaN(y) || !Number.isFinite(y)) expect(x).toBe(y);
    else expect(Math.abs(x - y), `element ${i}: ${x} vs ${y}`).toBeLessThanOrEqual(tol * (1 + Math.abs(y)));
  }
}
