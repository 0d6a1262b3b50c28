/**
 * TensorFlow.js's `tf.util`: shuffling, assertions and small array helpers, as `rf.util`.
 * @example rf.util.sizeFromShape([2, 3]) // → 6
 */
export { shuffle, shuffleCombo, createShuffledIndices } from './shuffle.js';
export {
  assert,
  assertShapesMatch,
  assertNonNull,
  sizeFromShape,
  isScalarShape,
  arraysEqual,
  computeStrides,
  isInt,
  clamp,
  bytesPerElement,
  isTypedArray,
  flatten,
  inferFromImplicitShape,
  now,
  encodeString,
  decodeString,
} from './checks.js';
