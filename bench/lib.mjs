// Shared helpers for `pnpm bench` suites: timing, machine description, tables. Benchmarks only — never tests.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** A one-line description of the machine, printed above every table so numbers are never read without it. */
export function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()}-${os.arch()}`;
}

/**
 * Runs `fn` until `minMs` have passed (after `warmup` calls) and returns the median time per call in ms.
 * Medians, not means: the machines are shared and noisy.
 */
export async function timeit(fn, { warmup = 2, minMs = 300, minRuns = 3, maxRuns = 1000 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < minMs && times.length < maxRuns)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Peak resident set size of this process so far, in MiB (Linux: from /proc/self/status VmHWM). */
export async function peakRssMiB() {
  try {
    const { readFileSync } = await import('node:fs');
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 2 ** 20;
}

/** Prints a table: `columns` are header strings, `rows` arrays of cells (numbers are formatted). */
export function printTable(title, columns, rows) {
  const fmt = (v) =>
    typeof v === 'number'
      ? Math.abs(v) >= 100
        ? v.toFixed(0)
        : Math.abs(v) >= 1
          ? v.toFixed(2)
          : v.toPrecision(3)
      : String(v);
  const cells = rows.map((r) => r.map(fmt));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(columns));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 1) + '-' : '-'.repeat(w + 1) + ':')).join('|')}|`);
  for (const r of cells) console.log(line(r));
}

/**
 * The file URL of a workspace package's built entry as Node resolves it — its `node` export condition where it
 * has one (`@rectify/backend-wasm`'s worker threads and `@rectify/rectify`'s file:// handler live there).
 * @example await import(packageEntry('backend-wasm').href)
 */
export function packageEntry(dir) {
  const base = new URL(`../packages/${dir}/`, import.meta.url);
  const dot = JSON.parse(readFileSync(new URL('package.json', base), 'utf8')).exports?.['.'] ?? {};
  return new URL(dot.node ?? dot.import ?? './dist/index.js', base);
}
