/**
 * TensorFlow.js's `tf.image`, as `rf.image`.
 * @example rf.image.resizeBilinear(rf.ones([1, 32, 32, 3]), [224, 224]).shape // → [1, 224, 224, 3]
 */
export { resizeBilinear, resizeNearestNeighbor } from './resize.js';
