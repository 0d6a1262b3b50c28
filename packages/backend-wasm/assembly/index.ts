// The kernel module's exports. Every task takes (args, tid, nt); see common.ts.
import { GEMM_SCRATCH } from './gemm';
export { gemm } from './gemm';
export { unary, biasUnary } from './unary';
export { binary } from './binary';
export { reduce } from './reduce';
export { convForward, convFilterGrad, convInputGrad, sumChunks } from './conv';
export { convDirect, convDirectFilterGrad } from './conv-direct';
export { convImplicit, convImplicitFilterGrad, padImages } from './conv-implicit';
export { pool, poolGrad } from './pool';
export { poolTiled } from './pool-tiled';
export { adam } from './optim';
export { softmax } from './softmax';
export { lstmCell } from './lstm';
export { lstmSequence } from './lstm-sequence';
export { gruCell } from './gru';

/** First byte after the module's static data: the JavaScript allocator starts above it. */
export function heapBase(): usize {
  return __heap_base;
}

/** Bytes of scratch each thread needs for GEMM packing. */
export function gemmScratchBytes(): i32 {
  return GEMM_SCRATCH;
}
