import { SPLIT_SEED, TEST_FRACTION } from '../package-files.js';
import type { Part } from './types.js';

/** A 32-bit avalanche of the row index (murmur3's finaliser): a fixed, well-spread pseudo-random number per row. */
function mix(i: number): number {
  let h = (i ^ SPLIT_SEED) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The part row `i` of a streamed file belongs to, decided by the row alone, so every pass (the scan, each epoch,
 * the test) agrees without storing a list: TEST_FRACTION of the rows are held out for the test, then
 * `validationSplit` of the rest for validation.
 *
 * @example
 * rowPart(17, 0.1); // 'train', 'validation' or 'test', the same on every run
 */
export function rowPart(i: number, validationSplit: number): Part {
  const u = mix(i) / 0x1_0000_0000;
  if (u < TEST_FRACTION) return 'test';
  return u < TEST_FRACTION + (1 - TEST_FRACTION) * validationSplit ? 'validation' : 'train';
}
