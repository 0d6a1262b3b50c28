// AssemblyScript: the machine's WebAssembly SIMD128 multiply-add ceiling, measured rather than assumed. Twelve
// independent accumulator chains hide the FMA latency (4–5 cycles at 2 per cycle), so the loop runs at the
// engine's throughput limit. Compiled at bench time by bench/suites/helpers/simd-ceiling.mjs, once with relaxed
// SIMD (one fused instruction per multiply-add, as the GEMM's relaxed build runs) and once without (mul + add).

/** `iters` rounds of 12 four-lane multiply-adds: 96 flop a round. Returns a lane so nothing is optimised away. */
export function madd(iters: i32): f32 {
  const x = f32x4.splat(0.9999999);
  const y = f32x4.splat(1e-7);
  let a0 = f32x4.splat(1), a1 = f32x4.splat(1), a2 = f32x4.splat(1), a3 = f32x4.splat(1);
  let a4 = f32x4.splat(1), a5 = f32x4.splat(1), a6 = f32x4.splat(1), a7 = f32x4.splat(1);
  let a8 = f32x4.splat(1), a9 = f32x4.splat(1), a10 = f32x4.splat(1), a11 = f32x4.splat(1);
  for (let i = 0; i < iters; i++) {
    a0 = fma(a0, x, y); a1 = fma(a1, x, y); a2 = fma(a2, x, y); a3 = fma(a3, x, y);
    a4 = fma(a4, x, y); a5 = fma(a5, x, y); a6 = fma(a6, x, y); a7 = fma(a7, x, y);
    a8 = fma(a8, x, y); a9 = fma(a9, x, y); a10 = fma(a10, x, y); a11 = fma(a11, x, y);
  }
  const s = f32x4.add(f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3)), f32x4.add(f32x4.add(a4, a5), f32x4.add(a6, a7)));
  return f32x4.extract_lane(f32x4.add(s, f32x4.add(f32x4.add(a8, a9), f32x4.add(a10, a11))), 0);
}

@inline function fma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}
