/**
 * TensorFlow.js's `tf.image`, as `rf.image`.
 * @example rf.image.resizeBilinear(images, [224, 224])
 */
export { resizeBilinear, resizeNearestNeighbor } from './resize.js';
