/**
 * Seconds as a short human duration: `42s`, `3m05s`, `1h02m`.
 *
 * @example
 * formatDuration(185); // '3m05s'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A metric value with 4 significant decimals, or exponent notation when tiny or huge. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return v.toFixed(4);
}

/**
 * Logs as `name value` pairs in their given order, e.g. `loss 0.1234  accuracy 0.9650`.
 *
 * @example
 * formatLogs({ loss: 0.12345, accuracy: 0.965 }); // 'loss 0.1235  accuracy 0.9650'
 */
export function formatLogs(logs: Readonly<Record<string, number>>, skip: readonly string[] = []): string {
  return Object.entries(logs)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k} ${formatValue(v)}`)
    .join('  ');
}

/** A throughput with thousands separators: `3,812 samples/s`. */
export function formatRate(samplesPerSecond: number): string {
  return `${Math.round(samplesPerSecond).toLocaleString('en-US')} samples/s`;
}
