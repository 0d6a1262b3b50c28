import type { TypedArray } from '@rectify/tensor';

/**
 * Plain JavaScript loops over views of the WebAssembly memory, for the functions no hand-written SIMD kernel
 * covers (user functions, int32 data). As in the cpu backend, each function gets its own copy of the loop so the
 * call inside stays monomorphic and V8 inlines it. Each copy's source is made unique, or V8's compilation cache
 * would give all copies one shared set of call-site feedback. Where a Content-Security-Policy forbids
 * `new Function` the shared loop is used (correct, only slower).
 */
type Fn1 = (x: number, a: number, b: number) => number;
type Fn2 = (x: number, y: number) => number;

let copies = 0;

function freshCopy<T extends (...args: never[]) => unknown>(template: T): T {
  try {
    return new Function(`"use strict"; return (${template.toString()}); /* copy ${copies++} */`)() as T;
  } catch {
    return template;
  }
}

function perFunction<K extends object, L extends (...args: never[]) => unknown>(template: L): (key: K) => L {
  const cache = new WeakMap<K, L>();
  return (key) => {
    let loop = cache.get(key);
    if (!loop) cache.set(key, (loop = freshCopy(template)));
    return loop;
  };
}

function unaryTemplate(f: Fn1, x: TypedArray, out: TypedArray, n: number, a: number, b: number): void {
  for (let i = 0; i < n; i++) out[i] = f(x[i]!, a, b);
}

function gradTemplate(df: Fn1, x: TypedArray, dy: TypedArray, out: TypedArray, n: number, a: number, b: number): void {
  for (let i = 0; i < n; i++) out[i] = dy[i]! * df(x[i]!, a, b);
}

function biasTemplate(
  f: Fn1,
  z: TypedArray,
  bias: TypedArray,
  out: TypedArray,
  rows: number,
  units: number,
  a: number,
  b: number,
): void {
  let o = 0;
  for (let r = 0; r < rows; r++) {
    // Math.fround: the sum is rounded to float32 as the composed add stores it before fn sees it.
    for (let j = 0; j < units; j++, o++) out[o] = f(Math.fround(z[o]! + bias[j]!), a, b);
  }
}

/** Walks the output in order with per-operand strides (0 on broadcast axes); the innermost axis is a tight loop. */
function binaryTemplate(
  f: Fn2,
  x: TypedArray,
  y: TypedArray,
  out: TypedArray,
  shape: readonly number[],
  sx: readonly number[],
  sy: readonly number[],
): void {
  const n = out.length;
  const rank = shape.length;
  if (n === 0) return;
  if (rank === 0) {
    out[0] = f(x[0]!, y[0]!);
    return;
  }
  const inner = shape[rank - 1]!;
  const ix = sx[rank - 1]!;
  const iy = sy[rank - 1]!;
  const idx = new Array<number>(rank).fill(0);
  let ox = 0;
  let oy = 0;
  for (let o = 0; o < n; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = f(x[ox + j * ix]!, y[oy + j * iy]!);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      ox += sx[d]!;
      oy += sy[d]!;
      if (idx[d]! < shape[d]!) break;
      ox -= sx[d]! * shape[d]!;
      oy -= sy[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

export const unaryLoop = perFunction<object, typeof unaryTemplate>(unaryTemplate);
export const gradLoop = perFunction<object, typeof gradTemplate>(gradTemplate);
export const biasLoop = perFunction<object, typeof biasTemplate>(biasTemplate);
export const binaryLoop = perFunction<object, typeof binaryTemplate>(binaryTemplate);
