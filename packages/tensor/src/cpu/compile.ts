/**
 * One loop per scalar function. A single loop calling many different functions turns megamorphic and slow; a
 * fresh copy of the loop's source for every function keeps each call site monomorphic, so V8 inlines the function
 * into it. Each copy's source text is made unique: V8's compilation cache would otherwise hand every copy of the
 * same text one shared set of call-site feedback, and loops compiled after the first few would run 5–20× slower.
 * Templates must be self-contained (no free variables). Where a strict Content-Security-Policy forbids
 * `new Function`, the shared template itself is used: correct, only slower.
 */
let copies = 0;

export function freshCopy<T extends (...args: never[]) => unknown>(template: T): T {
  try {
    return new Function(`"use strict"; return (${template.toString()}); /* copy ${copies++} */`)() as T;
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
