/** A plain decimal number: optional sign, digits with an optional fraction, an optional exponent. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The finite number `text` spells in plain decimal notation, or undefined. Unlike `Number()`, it refuses what a
 * person did not mean as a number: `0x10` (16), `0b1`, `1e` and `''` (0 after trimming), `Infinity`.
 *
 * @example
 * parseDecimal('2.5e-3'); // 0.0025
 * parseDecimal('0x10');   // undefined
 */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
