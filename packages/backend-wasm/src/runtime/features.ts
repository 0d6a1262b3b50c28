/**
 * Tiny modules that each use one engine feature, so a failure can be told apart from a missing or corrupt file
 * (the same probes as the wasm-feature-detect library).
 */

/** `i8x16.popcnt(i8x16.splat(0))`: fixed-width SIMD128. */
const SIMD = Uint8Array.of(
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  5,
  1,
  96,
  0,
  1,
  123,
  3,
  2,
  1,
  0,
  10,
  10,
  1,
  8,
  0,
  65,
  0,
  253,
  15,
  253,
  98,
  11,
);

/** `i8x16.relaxed_swizzle(i8x16.splat(1), i8x16.splat(2))`: relaxed SIMD. */
const RELAXED = Uint8Array.of(
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  5,
  1,
  96,
  0,
  1,
  123,
  3,
  2,
  1,
  0,
  10,
  15,
  1,
  13,
  0,
  65,
  1,
  253,
  15,
  65,
  2,
  253,
  15,
  253,
  128,
  2,
  11,
);

export const hasSimd = (): boolean => WebAssembly.validate(SIMD);
export const hasRelaxedSimd = (): boolean => WebAssembly.validate(RELAXED);

/** The first four bytes of every WebAssembly binary: "\0asm". */
export function isWasmBinary(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}
