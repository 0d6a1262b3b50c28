// Shared helpers for the kernels. Every task export has the signature (args, tid, nt): `args` points at a block of
// 32-bit parameters written by the JavaScript side in the named slots of abi.ts, `tid` is this thread's index and
// `nt` the number of threads sharing the task. Most tasks cut their work into units that threads claim from a
// counter in the parameter block, so a thread the OS deschedules holds up at most one unit; the rest derive a fixed
// share from tid and nt.

import { COUNTER } from './abi';

/** Float32 helpers for hot loops: element addresses and the four-lane multiply-add. */
export class F32 {
  /** a·b + c, fused when relaxed SIMD is available (one rounding), else a multiply and an add. */
  @inline static fma4(a: v128, b: v128, c: v128): v128 {
    if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
    return f32x4.add(f32x4.mul(a, b), c);
  }

  /** Byte address of element `i` of a float32 array at `base`. */
  @inline static at(base: usize, i: i32): usize {
    return base + ((<usize>i) << 2);
  }
}

/** The integer (or pointer) parameter in `slot`, one of the int slots of abi.ts. */
export function argI(args: usize, slot: i32): i32 {
  return load<i32>(args + ((<usize>slot) << 2));
}

/** The float32 parameter in `slot`, one of the float slots of abi.ts (FLOAT_SLOTS and up). */
export function argF(args: usize, slot: i32): f32 {
  return load<f32>(args + ((<usize>slot) << 2));
}

/** Claims the next unit of work: an atomic add when threads share the memory, a plain one otherwise. */
export function claim(args: usize): i32 {
  const counter = args + ((<usize>COUNTER) << 2);
  if (ASC_FEATURE_THREADS) return atomic.add<i32>(counter, 1);
  const u = load<i32>(counter);
  store<i32>(counter, u + 1);
  return u;
}

/** Elements in one unit of elementwise work: small enough to balance, large enough to amortise the claim. */
export const CHUNK = 8192;
