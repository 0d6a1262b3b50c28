/** Largest finite and smallest normal float32. */
export const FLOAT32_LARGEST = 3.4028234663852886e38;
export const FLOAT32_SMALLEST_NORMAL = 1.1754943508222875e-38;

/**
 * A finite numeric literal as gpu.js should read it. Kernels compute in float32, but scalar functions are
 * written (and run on the CPU) in float64, where `1e300` is a huge finite number: relu's derivative multiplies
 * by 1e300 twice to turn any positive float into "at least 1". Rounding such literals to float32 would give
 * Infinity (and 0 · ∞ = NaN) or 0, so they are clamped to the largest finite / smallest normal float32 instead,
 * which keeps what they are there for.
 */
export function formatNumber(literal: number): string {
  const a = Math.abs(literal);
  const v =
    a > FLOAT32_LARGEST
      ? Math.sign(literal) * FLOAT32_LARGEST
      : a > 0 && a < FLOAT32_SMALLEST_NORMAL
        ? Math.sign(literal) * FLOAT32_SMALLEST_NORMAL
        : literal;
  return v < 0 || Object.is(v, -0) ? `(-${String(-v)})` : String(v);
}
