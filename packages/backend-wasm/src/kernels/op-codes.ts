import type { PerActivation } from '@rectify/activations';
import type { BinaryFn, UnaryFn } from '@rectify/tensor';
import { BinaryCode, UnaryCode } from '../abi.js';

/**
 * A hand-vectorised function of assembly/unary.ts. `costly` functions (an exponential or a logarithm inside: tens of
 * instructions per element) are worth splitting across threads from 2¹⁷ elements; cheap ones are bound by memory
 * traffic, and a second core only helps once the data no longer fit the first core's cache (2¹⁹ elements). `bias`:
 * the fused bias + activation task (biasUnary) has a case for it.
 */
export interface SimdKernel {
  readonly code: UnaryCode;
  readonly costly: boolean;
  readonly bias: boolean;
}

/** A kernel record; everything not listed is cheap and has no bias + activation case. */
const simd = (code: UnaryCode, traits: { costly?: boolean; bias?: boolean } = {}): SimdKernel => ({
  code,
  costly: traits.costly ?? false,
  bias: traits.bias ?? false,
});

/** The tensor-level functions of @rectify/tensor's mathFns with a kernel, by function name. */
const TENSOR_KERNELS: Readonly<Record<string, SimdKernel>> = {
  neg: simd(UnaryCode.neg),
  abs: simd(UnaryCode.abs),
  square: simd(UnaryCode.square),
  sqrt: simd(UnaryCode.sqrt, { costly: true }),
  rsqrt: simd(UnaryCode.rsqrt, { costly: true }),
  reciprocal: simd(UnaryCode.reciprocal),
  floor: simd(UnaryCode.floor),
  ceil: simd(UnaryCode.ceil),
  round: simd(UnaryCode.round),
  sign: simd(UnaryCode.sign),
  clip: simd(UnaryCode.clip),
  exp: simd(UnaryCode.exp, { costly: true }),
  expm1: simd(UnaryCode.expm1, { costly: true }),
  log: simd(UnaryCode.log, { costly: true }),
  log1p: simd(UnaryCode.log1p, { costly: true }),
};

/**
 * Every activation of @rectify/activations: the kernels of its elementwise functions keyed by function name (gelu
 * has two: exact and tanh-approximated), or 'none' where it has no SIMD kernel. Keyed by `ActivationName`, so a new
 * activation does not compile until it is listed here.
 */
const ACTIVATION_KERNELS: PerActivation<Readonly<Record<string, SimdKernel>> | 'none'> = {
  linear: 'none',
  relu: { relu: simd(UnaryCode.relu, { bias: true }) },
  relu6: { relu6: simd(UnaryCode.relu6) },
  leakyRelu: { leakyRelu: simd(UnaryCode.leakyRelu, { bias: true }) },
  prelu: 'none',
  elu: { elu: simd(UnaryCode.elu, { costly: true, bias: true }) },
  selu: { selu: simd(UnaryCode.selu, { costly: true }) },
  celu: { celu: simd(UnaryCode.celu, { costly: true }) },
  gelu: {
    gelu: simd(UnaryCode.gelu, { costly: true, bias: true }),
    geluTanh: simd(UnaryCode.geluTanh, { costly: true, bias: true }),
  },
  swish: { swish: simd(UnaryCode.swish, { costly: true, bias: true }) },
  mish: { mish: simd(UnaryCode.mish, { costly: true }) },
  hardSigmoid: { hardSigmoid: simd(UnaryCode.hardSigmoid) },
  hardSwish: { hardSwish: simd(UnaryCode.hardSwish) },
  sigmoid: { sigmoid: simd(UnaryCode.sigmoid, { costly: true, bias: true }) },
  tanh: { tanh: simd(UnaryCode.tanh, { costly: true, bias: true }) },
  softplus: { softplus: simd(UnaryCode.softplus, { costly: true }) },
  softsign: { softsign: simd(UnaryCode.softsign) },
  softmax: 'none',
  logSoftmax: 'none',
};

/**
 * Every function with a kernel, by function name. A name is only a hint: before a kernel replaces a function it is
 * checked against that function's own scalar definition (see probe.ts), so a user function that happens to share a
 * name is never computed with the wrong formula.
 */
export const UNARY_KERNELS: ReadonlyMap<string, SimdKernel> = new Map([
  ...Object.entries(TENSOR_KERNELS),
  ...Object.values(ACTIVATION_KERNELS).flatMap((k) => (k === 'none' ? [] : Object.entries(k))),
]);

/** Elements from which a unary task is split across threads (see SimdKernel). */
export function parallelFrom(kernel: SimdKernel | undefined): number {
  return kernel?.costly ? 1 << 17 : 1 << 19;
}

const BINARY_KERNELS: ReadonlyMap<string, BinaryCode> = new Map(
  Object.entries(BinaryCode).filter((e): e is [string, BinaryCode] => typeof e[1] === 'number'),
);

/** Comparison codes write bool bytes. */
export function isComparison(code: BinaryCode): boolean {
  return code >= BinaryCode.equal;
}

export function unaryCandidate(fn: UnaryFn): SimdKernel | undefined {
  return UNARY_KERNELS.get(fn.name);
}

export function binaryCandidate(fn: BinaryFn): BinaryCode | undefined {
  return BINARY_KERNELS.get(fn.name);
}
