import { checkOneOf } from '../checks.js';

export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * Whether a larger value of `monitor` is better. 'auto' follows Keras: accuracy-like names are maximised, the
 * rest (losses, errors) minimised.
 */
export function maximises(fn: string, monitor: string, mode: MonitorMode | undefined): boolean {
  const m = checkOneOf(fn, 'mode', mode ?? 'auto', ['auto', 'min', 'max'] as const);
  if (m !== 'auto') return m === 'max';
  return /acc|auc|precision|recall|f1/i.test(monitor);
}

/** Warns once per callback when the monitored key is missing from the logs (a typo, or no validation data). */
export function warnMissing(fn: string, monitor: string, logs: Record<string, number>, warned: Set<string>): void {
  if (warned.has(monitor)) return;
  warned.add(monitor);
  console.warn(
    `${fn}: '${monitor}' is not in the logs (available: ${Object.keys(logs).join(', ') || 'none'}); it is skipped`,
  );
}
