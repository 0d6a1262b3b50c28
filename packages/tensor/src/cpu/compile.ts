/**
 * One loop per scalar function. A single loop calling many different functions turns megamorphic and slow; a
 * fresh copy of the loop's source for every function keeps each call site monomorphic, so V8 inlines the function
 * into it. Templates must be self-contained (no free variables). Where a strict Content-Security-Policy forbids
 * `new Function`, the shared template itself is used: correct, only slower.
 */
export function freshCopy<T extends (...args: never[]) => unknown>(template: T): T {
  try {
    return new Function(`"use strict"; return (${template.toString()});`)() as T;
  } catch {
    return template;
  }
}

/** Memoises one specialised loop per function object. */
export function loopCache<K extends object, L extends (...args: never[]) => unknown>(template: L): (key: K) => L {
  const cache = new WeakMap<K, L>();
  return (key) => {
    let loop = cache.get(key);
    if (!loop) {
      loop = freshCopy(template);
      cache.set(key, loop);
    }
    return loop;
  };
}
