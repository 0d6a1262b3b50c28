export { Tensor, Variable, type NestedArray } from './tensor.js';
export { tensorMethods } from './tensor-methods.js';
export { extendTensor, type MethodTable, type MethodsOf } from './extend-tensor.js';

/**
 * The Tensor methods other packages add with `extendTensor`. Declared here, in the entry module, so that a
 * package's `declare module '@rectify/tensor' { interface TensorExtensions extends MethodsOf<typeof table> {} }`
 * merges into it (augmenting the re-exported class directly would not reach its instance type); Tensor extends it.
 * @example declare module '@rectify/tensor' { interface TensorExtensions extends MethodsOf<typeof activationMethods> {} }
 * @hidden Its members are documented on Tensor; as a page of its own it would only split Tensor's class hierarchy.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TensorExtensions {}
export type { DType, TypedArray } from './dtype.js';
export { RectifyError, ShapeError, DTypeError, ValueError, BackendError, fmtShape } from './errors.js';
export {
  engine,
  Engine,
  registerBackend,
  setBackend,
  getBackend,
  backend,
  ready,
  tidy,
  keep,
  dispose,
  memory,
  type OpRecord,
  type OpListener,
  type MemoryInfo,
  type BackendFactory,
  type TensorContainer,
} from './engine.js';
export type {
  Backend,
  BackendMemory,
  BackendKernelName,
  DataId,
  KernelImpl,
  Kernels,
  KernelSpecs,
  OpAttrs,
  OpName,
  OpSpecs,
  ReduceOp,
  ArgReduceOp,
  SoftmaxAttrs,
  LstmCellPart,
  TensorInfo,
  AdamUpdateAttrs,
  FusedKernelImpl,
  FusedKernelName,
  FusedKernels,
  FusedKernelSpecs,
} from './backend/kernels.js';
export { fusedKernelDefs, adamStepSize, type FusedInputs, type FusedOutputs } from './fused.js';
export { CpuBackend } from './cpu/cpu-backend.js';
export { type SoftmaxRows, softmaxRows } from './backend/softmax-rows.js';
export { unaryLoop, unaryGradLoop, biasLoop, binaryLoop } from './cpu/loops.js';
export { type UnaryFn, type BinaryFn, unaryFn, binaryFn, isUnaryFn, isBinaryFn } from './scalar-fn.js';
export * as mathFns from './math-fns.js';
export { PRNGKey, setSeed, keyFor } from './prng.js';
export { matmulGeometry, type MatmulGeometry } from './matmul-geometry.js';
export { conv2dInfo, pool2dInfo, type Conv2DInfo, type Pool2DInfo, type PadMode } from './conv-geometry.js';
export {
  sizeOf,
  stridesOf,
  shapesEqual,
  broadcastShapes,
  broadcastStrides,
  broadcastedAxes,
  normalizeAxis,
  normalizeAxes,
  type Shape,
} from './shape.js';
export { formatTensor } from './format.js';
export { checkOptions, closestName, optionNames, type UnsupportedOptions } from './options.js';

export { tensor, toTensor, type TensorLike } from './ops/convert.js';
export { scalar, full, zeros, ones, zerosLike, onesLike, arange, linspace, eye } from './ops/creation.js';
export { randomNormal, randomUniform, truncatedNormal, type Seed } from './ops/random.js';
export * from './ops/elementwise.js';
export * from './ops/reduce.js';
export * from './ops/shape.js';
export * from './ops/join.js';
export * from './ops/gather.js';
export { matmul, matMul, dot } from './ops/linalg.js';
export { tensor1d, tensor2d, tensor3d, tensor4d, tensor5d, tensor6d, fill, range } from './ops/creation-tfjs.js';
export * from './ops/special.js';
export { norm, euclideanNorm, type NormOrder } from './ops/norm.js';
export { cumsum, cumprod } from './ops/scan.js';
export { reverse } from './ops/reverse.js';
export { topk } from './ops/topk.js';
export { stridedSlice } from './ops/strided-slice.js';
export { einsum } from './ops/einsum.js';
export { nextFrame } from './browser/next-frame.js';
export * as util from './util/index.js';
export * as browser from './browser/index.js';
export * as image from './image/index.js';
export { biasActivation } from './ops/bias-activation.js';
export { lstmPointwise } from './ops/lstm-pointwise.js';
export { lstmSequence, lstmSequenceGrad } from './ops/lstm-sequence.js';
export { gruPointwise } from './ops/gru-pointwise.js';
export { conv2d, maxPool, avgPool, maxPool2d, avgPool2d, softmax, logSoftmax } from './ops/nn.js';
export { maskedSoftmax, type MaskedSoftmaxOptions } from './ops/masked-softmax.js';
export { conv2dTranspose, depthwiseConv2d, groupedConv2d } from './ops/conv.js';
