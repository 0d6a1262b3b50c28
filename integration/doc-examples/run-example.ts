import { inspect } from 'node:util';
import { compileExample } from './compile-example.js';

/** Numbers in `// →` outputs match to this relative (and, near zero, absolute) tolerance: float32 prints ~7 digits. */
const RTOL = 1e-5;
const ATOL = 1e-6;

const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;
const RESERVED = new Set(['default', 'eval', 'arguments', 'await', 'yield', 'let', 'static', 'implements']);

/** Tensors as nested arrays (`arraySync()`), typed arrays as arrays — what an output comment writes. */
function plain(v: unknown): unknown {
  if (v && typeof v === 'object' && 'arraySync' in v && typeof v.arraySync === 'function') return v.arraySync();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Where `actual` differs from `expected` ('' when it matches): numbers within tolerance, -0 == 0, NaN == NaN. */
export function difference(actual: unknown, expected: unknown, path = ''): string {
  const at = path || 'the value';
  if (actual instanceof Promise) return `${at} is a Promise: \`await\` it in the example`;
  const a = plain(actual);
  if (typeof expected === 'number' && typeof a === 'number') {
    if (Number.isNaN(expected) && Number.isNaN(a)) return '';
    if (a === expected) return '';
    return Math.abs(a - expected) <= ATOL + RTOL * Math.abs(expected) ? '' : `${at}: ${a} ≠ ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(a)) return `${at}: expected an array, got ${inspect(a)}`;
    if (a.length !== expected.length) return `${at}: length ${a.length} ≠ ${expected.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return '';
  }
  if (isPlainObject(expected)) {
    if (!a || typeof a !== 'object') return `${at}: expected an object, got ${inspect(a)}`;
    // A plain object must have exactly the written keys; an instance, at least them.
    if (isPlainObject(a)) {
      const extra = Object.keys(a).filter((k) => !(k in expected));
      if (extra.length) return `${at}: unexpected key${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`;
    }
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in a)) return `${at}: no key '${k}'`;
      const d = difference((a as Record<string, unknown>)[k], v, `${path}.${k}`);
      if (d) return d;
    }
    return '';
  }
  return Object.is(a, expected) || a === expected ? '' : `${at}: ${inspect(a)} ≠ ${inspect(expected)}`;
}

/** The check each `// → value` compiles to. */
function check(actual: unknown, expected: () => unknown, written: string, line: number): void {
  const d = difference(actual, expected());
  if (d)
    throw new Error(
      `line ${line}: '// → ${written}' does not hold: ${d}\n  actual: ${inspect(plain(actual), { depth: 6, breakLength: 120 })}`,
    );
}

/** What one run printed, and how many outputs it checked. */
export interface ExampleRun {
  readonly logs: string[];
  readonly checks: number;
}

const CONSOLE = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Runs one example with `prelude`'s names in scope and `importer` resolving its imports. The console is captured
 * (the logs come back, and are attached to an error); nothing else is isolated, so callers restore global state.
 */
export async function runExample(
  code: string,
  prelude: Record<string, unknown>,
  importer: (spec: string) => Promise<unknown>,
): Promise<ExampleRun> {
  const { body, checks } = compileExample(code);
  const names = Object.keys(prelude).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && !RESERVED.has(k));
  const fn = new AsyncFunction('__import', '__check', ...names, body);
  const logs: string[] = [];
  const saved = CONSOLE.map((m) => console[m]);
  for (const m of CONSOLE) console[m] = (...args: unknown[]) => void logs.push(args.map((a) => String(a)).join(' '));
  try {
    await fn(importer, check, ...names.map((n) => prelude[n]));
  } catch (err) {
    if (err instanceof Error && logs.length)
      err.message += `\n  printed:\n    ${logs.join('\n').replaceAll('\n', '\n    ')}`;
    throw err;
  } finally {
    CONSOLE.forEach((m, i) => (console[m] = saved[i]!));
  }
  return { logs, checks };
}
