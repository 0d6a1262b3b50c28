import { readFileSync } from 'node:fs';

/**
 * Peak resident memory of this process so far, in MiB: Linux's VmHWM high-water mark, or the current RSS where
 * /proc is not available.
 *
 * @example
 * peakRssMiB(); // e.g. 182.4
 */
export function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 2 ** 20;
}
