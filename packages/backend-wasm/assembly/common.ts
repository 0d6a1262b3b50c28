// Shared helpers for the kernels. Every task export has the signature (args, tid, nt): `args` points at a block of
// 32-bit parameters written by the JavaScript side, `tid` is this thread's index and `nt` the number of threads
// sharing the task; each thread derives its own slice of the work from them, so no kernel needs to synchronise.

/** The i-th 32-bit integer parameter. */
@inline export function argI(args: usize, i: i32): i32 {
  return load<i32>(args + (<usize>i << 2));
}

/** The i-th parameter read as a float32. */
@inline export function argF(args: usize, i: i32): f32 {
  return load<f32>(args + (<usize>i << 2));
}

/** Start of thread `tid`'s share of `n` items, in multiples of `align` so SIMD chunks stay aligned. */
@inline export function chunkStart(n: i32, tid: i32, nt: i32, align: i32): i32 {
  const units = (n + align - 1) / align;
  const s = <i32>((<i64>units * tid) / nt) * align;
  return s < n ? s : n;
}

/** a·b + c, fused when relaxed SIMD is available (one rounding), else a multiply and an add. */
@inline export function fma4(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Byte address of element `i` of a float32 array at `base`. */
@inline export function at(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}
