/**
 * `@rectify/tensor/testing`: the backend conformance suite and the comparison helper other packages' tests use.
 * Nothing here is needed at runtime, and nothing here imports a test framework.
 */
export { runConformanceSuite, onBackend, type TestApi, type ConformanceOptions } from './conformance.js';
export { expectClose, isClose, CloseAssertionError, type Tolerance, type Comparable } from './expect-close.js';
export { conformanceCases, type UnaryCheck } from './cases/index.js';
export { input, indices, type ConformanceCase, type InputKind, type KernelCaseTable } from './case.js';
