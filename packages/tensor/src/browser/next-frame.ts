/**
 * Resolves on the next animation frame in a browser (after the next macrotask elsewhere), so a long training loop
 * can let the page repaint — TensorFlow.js's `tf.nextFrame`.
 * @example
 * for (let epoch = 0; epoch < 3; epoch++) {
 *   // … one training step …
 *   await nextFrame(); // the page repaints between steps
 * }
 */
export function nextFrame(): Promise<void> {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => void }).requestAnimationFrame;
  return new Promise((resolve) => (raf ? raf(() => resolve()) : setTimeout(resolve, 0)));
}
