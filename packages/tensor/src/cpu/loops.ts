import type { TypedArray } from '../dtype.js';
import type { BinaryFn, UnaryFn } from '../scalar-fn.js';
import { loopCache } from './compile.js';

/**
 * The elementwise loops every JavaScript-side backend runs scalar functions through, one specialised copy per
 * function (see compile.ts): the CPU backend over its arrays, the wasm backend over views of its memory for the
 * functions its SIMD kernels do not cover. Each takes the function's `f` (or `df`) first, so the call inside stays
 * monomorphic and V8 inlines it.
 */
type Fn1 = (x: number, a: number, b: number) => number;
type Fn2 = (x: number, y: number) => number;

function unaryTemplate(f: Fn1, x: TypedArray, out: TypedArray, n: number, a: number, b: number): void {
  for (let i = 0; i < n; i++) out[i] = f(x[i]!, a, b);
}

function unaryGradTemplate(
  df: Fn1,
  x: TypedArray,
  dy: TypedArray,
  out: TypedArray,
  n: number,
  a: number,
  b: number,
): void {
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
    // Math.fround: the sum is rounded to float32 as the composed add would store it before fn sees it.
    for (let j = 0; j < units; j++, o++) out[o] = f(Math.fround(z[o]! + bias[j]!), a, b);
  }
}

// Fast paths for equal shapes and scalar operands; otherwise the output is walked with per-operand strides (0 on
// broadcast axes) and the innermost axis stays a tight loop.
function binaryTemplate(
  f: Fn2,
  x: TypedArray,
  y: TypedArray,
  out: TypedArray,
  outShape: readonly number[],
  sx: readonly number[],
  sy: readonly number[],
): void {
  const n = out.length;
  const rank = outShape.length;
  if (x.length === n && y.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(x[i]!, y[i]!);
    return;
  }
  if (y.length === 1) {
    const c = y[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x[i]!, c);
    return;
  }
  if (x.length === 1) {
    const c = x[0]!;
    for (let i = 0; i < n; i++) out[i] = f(c, y[i]!);
    return;
  }
  const inner = outShape[rank - 1]!;
  if (n === 0) return;
  const ix = sx[rank - 1]!;
  const iy = sy[rank - 1]!;
  const outer = n / inner;
  const idx = new Array<number>(rank).fill(0);
  let ox = 0;
  let oy = 0;
  let o = 0;
  for (let k = 0; k < outer; k++) {
    for (let j = 0; j < inner; j++) out[o++] = f(x[ox + j * ix]!, y[oy + j * iy]!);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      ox += sx[d]!;
      oy += sy[d]!;
      if (idx[d]! < outShape[d]!) break;
      ox -= sx[d]! * outShape[d]!;
      oy -= sy[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
}

/** `unaryLoop(fn)(fn.f, x, out, n, a, b)`: out[i] = f(x[i], a, b). */
export const unaryLoop = loopCache<UnaryFn, typeof unaryTemplate>(unaryTemplate);
/** `unaryGradLoop(fn)(fn.df, x, dy, out, n, a, b)`: out[i] = dy[i]·df(x[i], a, b). */
export const unaryGradLoop = loopCache<UnaryFn, typeof unaryGradTemplate>(unaryGradTemplate);
/** `biasLoop(fn)(fn.f, z, bias, out, rows, units, a, b)`: f(z + bias) with bias along the last axis. */
export const biasLoop = loopCache<UnaryFn, typeof biasTemplate>(biasTemplate);
/** `binaryLoop(fn)(fn.f, x, y, out, outShape, xStrides, yStrides)`: out = f(x, y) with broadcast strides. */
export const binaryLoop = loopCache<BinaryFn, typeof binaryTemplate>(binaryTemplate);
