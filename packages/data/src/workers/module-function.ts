import { ValueError } from '@rectify/tensor';

/** Where a function made by `moduleFunction` comes from, read by a worker map to import it in each worker. */
export interface ModuleSpec {
  readonly module: string;
  readonly exportName: string;
}

function isAbsoluteUrl(href: string): boolean {
  try {
    new URL(href);
    return true;
  } catch {
    return false;
  }
}

const SPEC = Symbol('rf.data.moduleFunction');

/**
 * A function exported by an ES module, named by the module's absolute URL: on this thread it imports the module
 * on first call and calls the export; `map(fn, { parallel: n, worker: true })` imports the module in each worker
 * instead, so the function may use the module's own imports and constants (a function passed directly must be
 * self-contained). The URL is written `new URL('./prep.js', import.meta.url)`, the form bundlers understand.
 * @example
 * // A bundled app names its own file: moduleFunction(new URL('./prepare.js', import.meta.url), 'prepare').
 * const prepare = rf.data.moduleFunction<number, number>('data:text/javascript,export const prepare = (x) => 2 * x;', 'prepare');
 * await prepare(21); // → 42
 */
export function moduleFunction<T = unknown, U = unknown>(
  module: URL | string,
  exportName = 'default',
): (value: T) => Promise<U> {
  const href = String(module);
  if (!isAbsoluteUrl(href))
    throw new ValueError(
      `moduleFunction: module must be an absolute URL such as new URL('./prep.js', import.meta.url), received '${href}'`,
    );
  let loaded: Promise<(value: T) => U | Promise<U>> | undefined;
  const fn = async (value: T): Promise<U> => {
    loaded ??= import(/* @vite-ignore */ href).then((m: Record<string, unknown>) => {
      const f = m[exportName];
      if (typeof f !== 'function') throw new ValueError(`moduleFunction: ${href} has no exported function '${exportName}'`);
      return f as (value: T) => U | Promise<U>;
    });
    return (await loaded)(value);
  };
  const spec: ModuleSpec = { module: href, exportName };
  Object.defineProperty(fn, SPEC, { value: spec });
  return fn;
}

/** The module behind a `moduleFunction`, or undefined for any other function. */
export function moduleSpecOf(fn: unknown): ModuleSpec | undefined {
  return (fn as { [SPEC]?: ModuleSpec })[SPEC];
}
