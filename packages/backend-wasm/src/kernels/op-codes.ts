import type { BinaryFn, UnaryFn } from '@rectify/tensor';

/**
 * The functions with a hand-vectorised kernel, by name; the numbers are the op codes of assembly/unary.ts and
 * assembly/binary.ts. A name is only a hint: before a kernel replaces a function it is checked against that
 * function's own scalar definition (see probe.ts), so a user function that happens to share a name is never
 * computed with the wrong formula.
 */
export const UNARY_CODES: Readonly<Record<string, number>> = {
  neg: 1,
  abs: 2,
  square: 3,
  sqrt: 4,
  rsqrt: 5,
  reciprocal: 6,
  floor: 7,
  ceil: 8,
  round: 9,
  sign: 10,
  clip: 11,
  exp: 12,
  expm1: 13,
  log: 14,
  log1p: 15,
  sigmoid: 16,
  tanh: 17,
  softplus: 18,
  // The activations of @rectify/activations, by their registered names.
  relu: 19,
  relu6: 20,
  leakyRelu: 21,
  elu: 22,
  selu: 23,
  celu: 24,
  gelu: 25,
  geluTanh: 26,
  swish: 27,
  mish: 28,
  softsign: 29,
  hardSigmoid: 30,
  hardSwish: 31,
};

/**
 * Functions that cost tens of instructions per element (an exponential or a logarithm inside): worth splitting across
 * threads from 2¹⁷ elements. Cheap ones are bound by memory traffic, and a second core only helps once the data no
 * longer fits the first core's cache (2¹⁹ elements): below that, shipping cache lines between cores eats the gain.
 */
const COSTLY: ReadonlySet<number> = new Set([4, 5, 12, 13, 14, 15, 16, 17, 18, 22, 23, 24, 25, 26, 27, 28]);

export function parallelFrom(code: number | undefined): number {
  return code !== undefined && COSTLY.has(code) ? 1 << 17 : 1 << 19;
}

/** Unary codes the fused bias + activation kernel (assembly/unary.ts biasUnary) supports. */
export const BIAS_CODES: ReadonlySet<number> = new Set([16, 17, 19, 21, 22, 25, 26, 27]);

export const BINARY_CODES: Readonly<Record<string, number>> = {
  add: 1,
  sub: 2,
  mul: 3,
  div: 4,
  maximum: 5,
  minimum: 6,
  squaredDifference: 7,
  equal: 20,
  notEqual: 21,
  less: 22,
  lessEqual: 23,
  greater: 24,
  greaterEqual: 25,
};

/** Comparison codes write bool bytes. */
export function isComparison(code: number): boolean {
  return code >= 20;
}

export function unaryCandidate(fn: UnaryFn): number | undefined {
  return Object.hasOwn(UNARY_CODES, fn.name) ? UNARY_CODES[fn.name] : undefined;
}

export function binaryCandidate(fn: BinaryFn): number | undefined {
  return Object.hasOwn(BINARY_CODES, fn.name) ? BINARY_CODES[fn.name] : undefined;
}
