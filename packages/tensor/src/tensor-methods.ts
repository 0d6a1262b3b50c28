/**
 * Tensor's chainable methods (`x.add(y).square().mean(0)`), TensorFlow.js's names: one table of ops, attached to
 * the prototype in one place. Each method is its op with the tensor as first argument — `x.op(...args)` is
 * `op(x, ...args)` — and its types are derived from the op's own signature. The few entries that are not plain
 * ops are TensorFlow.js conveniences (asType, as2D, toFloat, reshapeAs …) written as one-liners over ops.
 */
import type { DType } from './dtype.js';
import { engine } from './engine.js';
import { ShapeError, ValueError, fmtShape } from './errors.js';
import { type MethodsOf, extendTensor } from './extend-tensor.js';
import type { Tensor } from './tensor.js';
import type { TensorExtensions } from './index.js';
import type { TensorLike } from './ops/convert.js';
import { zerosLike, onesLike } from './ops/creation.js';
import * as el from './ops/elementwise.js';
import * as sp from './ops/special.js';
import * as red from './ops/reduce.js';
import * as sh from './ops/shape.js';
import * as jn from './ops/join.js';
import { gather, oneHot } from './ops/gather.js';
import { dot, matMul } from './ops/linalg.js';
import { avgPool, conv2d, logSoftmax, maxPool, softmax } from './ops/nn.js';
import { euclideanNorm, norm } from './ops/norm.js';
import { cumprod, cumsum } from './ops/scan.js';
import { reverse } from './ops/reverse.js';
import { topk } from './ops/topk.js';
import { stridedSlice } from './ops/strided-slice.js';
import { resizeBilinear, resizeNearestNeighbor } from './image/resize.js';

function reshapeTo(op: string, x: Tensor, shape: readonly number[]): Tensor {
  // -1 (one dimension inferred) as reshape takes it: tfjs programs write x.as4D(-1, 28, 28, 1).
  if (shape.some((d) => !Number.isInteger(d) || d < -1))
    throw new ValueError(`${op}: dimensions must be non-negative integers or -1, received [${shape.join(',')}]`);
  return sh.reshape(x, shape);
}

/** The ops that are Tensor methods, by TensorFlow.js method name. */
export const tensorMethods = {
  // Arithmetic and comparisons.
  add: el.add,
  sub: el.sub,
  mul: el.mul,
  div: el.div,
  divNoNan: sp.divNoNan,
  pow: el.pow,
  mod: el.mod,
  floorDiv: el.floorDiv,
  maximum: el.maximum,
  minimum: el.minimum,
  squaredDifference: el.squaredDifference,
  atan2: sp.atan2,
  equal: el.equal,
  notEqual: el.notEqual,
  less: el.less,
  lessEqual: el.lessEqual,
  greater: el.greater,
  greaterEqual: el.greaterEqual,
  logicalAnd: el.logicalAnd,
  logicalOr: el.logicalOr,
  logicalXor: el.logicalXor,
  logicalNot: el.logicalNot,
  // Unary math.
  neg: el.neg,
  abs: el.abs,
  exp: el.exp,
  expm1: el.expm1,
  log: el.log,
  log1p: el.log1p,
  sqrt: el.sqrt,
  rsqrt: el.rsqrt,
  square: el.square,
  reciprocal: el.reciprocal,
  sign: el.sign,
  floor: el.floor,
  ceil: el.ceil,
  round: el.round,
  sin: el.sin,
  cos: el.cos,
  tan: sp.tan,
  asin: sp.asin,
  acos: sp.acos,
  atan: sp.atan,
  sinh: sp.sinh,
  cosh: sp.cosh,
  asinh: sp.asinh,
  acosh: sp.acosh,
  atanh: sp.atanh,
  tanh: el.tanh,
  sigmoid: el.sigmoid,
  softplus: el.softplus,
  logSigmoid: sp.logSigmoid,
  erf: sp.erf,
  step: sp.step,
  isNaN: el.isNaN,
  isFinite: el.isFinite,
  isInf: sp.isInf,
  clipByValue: el.clipByValue,
  cast: el.cast,
  // Reductions.
  sum: red.sum,
  mean: red.mean,
  max: red.max,
  min: red.min,
  prod: red.prod,
  any: red.any,
  all: red.all,
  argMax: red.argMax,
  argMin: red.argMin,
  logSumExp: red.logSumExp,
  norm,
  euclideanNorm,
  cumsum,
  cumprod,
  // Shapes and indexing.
  reshape: sh.reshape,
  transpose: sh.transpose,
  squeeze: sh.squeeze,
  expandDims: sh.expandDims,
  tile: sh.tile,
  broadcastTo: sh.broadcastTo,
  slice: jn.slice,
  split: jn.split,
  unstack: jn.unstack,
  pad: jn.pad,
  gather,
  oneHot,
  reverse,
  stridedSlice,
  topk,
  // Linear algebra, convolution, images.
  matMul,
  dot,
  conv2d,
  maxPool,
  avgPool,
  softmax,
  logSoftmax,
  resizeBilinear,
  resizeNearestNeighbor,
  zerosLike,
  onesLike,
  // TensorFlow.js conveniences that are not ops of their own.
  /** x.concat(y, axis) = concat([x, ...y], axis). */
  concat: (x: Tensor, tensors: TensorLike | readonly TensorLike[], axis = 0): Tensor =>
    jn.concat([x, ...(Array.isArray(tensors) ? tensors : [tensors as TensorLike])], axis),
  /** x.stack(y, axis) = stack([x, ...y], axis). */
  stack: (x: Tensor, tensors: TensorLike | readonly TensorLike[], axis = 0): Tensor =>
    jn.stack([x, ...(Array.isArray(tensors) ? tensors : [tensors as TensorLike])], axis),
  /** x.where(condition, b) = where(condition, x, b). */
  where: (x: Tensor, condition: TensorLike, b: TensorLike): Tensor => el.where(condition, x, b),
  asType: (x: Tensor, dtype: DType): Tensor => el.cast(x, dtype),
  toFloat: (x: Tensor): Tensor => el.cast(x, 'float32'),
  toInt: (x: Tensor): Tensor => el.cast(x, 'int32'),
  toBool: (x: Tensor): Tensor => el.cast(x, 'bool'),
  flatten: (x: Tensor): Tensor => sh.reshape(x, [x.size]),
  asScalar: (x: Tensor): Tensor => {
    if (x.size !== 1)
      throw new ShapeError(`asScalar: the tensor must have exactly one element, shape is ${fmtShape(x.shape)}`);
    return sh.reshape(x, []);
  },
  as1D: (x: Tensor): Tensor => sh.reshape(x, [x.size]),
  as2D: (x: Tensor, rows: number, columns: number): Tensor => reshapeTo('as2D', x, [rows, columns]),
  as3D: (x: Tensor, rows: number, columns: number, depth: number): Tensor =>
    reshapeTo('as3D', x, [rows, columns, depth]),
  as4D: (x: Tensor, rows: number, columns: number, depth: number, depth2: number): Tensor =>
    reshapeTo('as4D', x, [rows, columns, depth, depth2]),
  as5D: (x: Tensor, rows: number, columns: number, depth: number, depth2: number, depth3: number): Tensor =>
    reshapeTo('as5D', x, [rows, columns, depth, depth2, depth3]),
  reshapeAs: (x: Tensor, other: Tensor): Tensor => sh.reshape(x, other.shape),
  /** A new tensor on the same buffer (no copy: tensors are immutable). */
  clone: (x: Tensor): Tensor => engine.view('identity', x, x.shape),
};

extendTensor(tensorMethods);

declare module './tensor.js' {
  // Declaration merging: Tensor gets one method per table entry, typed from the op.
  interface Tensor extends MethodsOf<typeof tensorMethods>, TensorExtensions {}
}
