export { Tensor, Variable, type NestedArray } from './tensor.js';
export type { DType, TypedArray } from './dtype.js';
export { RectifyError, ShapeError, DTypeError, ValueError, BackendError, fmtShape } from './errors.js';
export {
  engine, Engine, registerBackend, setBackend, getBackend, ready, tidy, keep, dispose, memory,
  type OpRecord, type OpListener, type MemoryInfo, type BackendFactory, type TensorContainer,
} from './engine.js';
export type {
  Backend, BackendMemory, BackendKernelName, DataId, KernelImpl, Kernels, KernelSpecs, OpAttrs, OpName, OpSpecs,
  ReduceOp, ArgReduceOp, TensorInfo, AdamUpdateAttrs, FusedKernelImpl, FusedKernelName, FusedKernels, FusedKernelSpecs,
} from './backend/kernels.js';
export { fusedKernelDefs, adamStepSize, type FusedInputs, type FusedOutputs } from './fused.js';
export { CpuBackend } from './cpu/cpu-backend.js';
export { type UnaryFn, type BinaryFn, unaryFn, binaryFn, isUnaryFn, isBinaryFn } from './scalar-fn.js';
export * as mathFns from './math-fns.js';
export { PRNGKey, setSeed, keyFor } from './prng.js';
export { matmulGeometry, type MatmulGeometry } from './matmul-geometry.js';
export { conv2dInfo, pool2dInfo, type Conv2DInfo, type Pool2DInfo, type PadMode } from './conv-geometry.js';
export {
  sizeOf, stridesOf, shapesEqual, broadcastShapes, broadcastStrides, broadcastedAxes, normalizeAxis, normalizeAxes, type Shape,
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
export { matmul } from './ops/linalg.js';
export { biasActivation } from './ops/bias-activation.js';
export { conv2d, maxPool, avgPool, maxPool2d, avgPool2d, softmax, logSoftmax } from './ops/nn.js';
