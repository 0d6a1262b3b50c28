import { ValueError } from './errors.js';

/**
 * Option-object checks shared by every package (layers, initializers, optimizers, compile, fit, callbacks):
 * an unknown key is an error with a "did you mean" hint, never silently ignored. A misspelt `batch_size` or a
 * Keras-style `kernel_initializer` would otherwise train with the defaults and nobody would notice.
 */

/**
 * The option names of an options type, checked by the compiler: every key of `T` must be listed and nothing else,
 * so a new option added to the interface is a compile error until it is listed here too.
 * @example
 * interface PointArgs { x: number; y?: number }
 * // Leaving out `y` would not compile.
 * optionNames<PointArgs>()({ x: true, y: true }); // → ['x', 'y']
 */
export function optionNames<T extends object>(): (keys: {
  readonly [K in keyof Required<T>]: true;
}) => readonly string[] {
  return (keys) => Object.keys(keys);
}

/** Spellings compare without case, underscores, dashes or spaces: `kernel_initializer` ~ `kernelInitializer`. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Levenshtein distance, bounded: returns `limit + 1` as soon as the distance must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The allowed name closest to `name`: the same spelling up to case and separators, else the nearest within a
 * few edits (a third of the length, at least 2). Undefined when nothing is close.
 * @example closestName('kernel_initializer', ['units', 'kernelInitializer']); // → 'kernelInitializer'
 */
export function closestName(name: string, allowed: Iterable<string>): string | undefined {
  const key = squash(name);
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3));
  for (const candidate of allowed) {
    const d = editDistance(key, squash(candidate), bestDistance);
    if (d === 0) return candidate;
    if (d < bestDistance || (d === bestDistance && best === undefined)) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Options that another library spells differently, mapped to an explanation: accepted names are not listed. */
export type UnsupportedOptions = Readonly<Record<string, string>>;

/**
 * Throws a `ValueError` for the first key of `options` not in `allowed`:
 * `dense: unknown option 'kernel_initializer'; did you mean 'kernelInitializer'?`. Keys listed in `unsupported`
 * (options another library has and Rectify does not) get that explanation instead. Keys whose value is
 * `undefined` count too: `{ lr: undefined }` is still a misspelling.
 * @example
 * checkOptions('fit', { epochs: 2, batchSize: 8 }, ['epochs', 'batchSize']); // passes
 * // checkOptions('fit', { epochs: 2, batch_size: 8 }, ['epochs', 'batchSize']) throws
 * // ValueError: fit: unknown option 'batch_size'; did you mean 'batchSize'?
 */
export function checkOptions(
  fn: string,
  options: unknown,
  allowed: Iterable<string>,
  unsupported: UnsupportedOptions = {},
): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(
      `${fn}: options must be an object, received ${Array.isArray(options) ? JSON.stringify(options) : String(options)}`,
    );
  }
  const known = new Set(allowed);
  for (const key of Object.keys(options)) {
    if (known.has(key)) continue;
    if (Object.hasOwn(unsupported, key))
      throw new ValueError(`${fn}: option '${key}' is not supported: ${unsupported[key]}`);
    const hint = closestName(key, known);
    const tail = hint !== undefined ? `did you mean '${hint}'?` : `known options: ${[...known].join(', ') || '(none)'}`;
    throw new ValueError(`${fn}: unknown option '${key}'; ${tail}`);
  }
}
