/**
 * Resolves on the next animation frame in a browser (after the next macrotask elsewhere), so a long training loop
 * can let the page repaint — TensorFlow.js's `tf.nextFrame`.
 * @example for (let i = 0; i < 100; i++) { step(); await nextFrame(); }
 */
export function nextFrame(): Promise<void> {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => void }).requestAnimationFrame;
  return new Promise((resolve) => (raf ? raf(() => resolve()) : setTimeout(resolve, 0)));
}
