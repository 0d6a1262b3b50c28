import type { BinaryFn, UnaryFn } from '@rectify/tensor';
import type { BinaryCode, UnaryCode } from '../abi.js';
import type { Context } from '../context.js';
import { isComparison } from './op-codes.js';

/** Special values (signed zeros, tiny, huge, overflow edges, halves, non-finite) and a sweep across [−12, 12]. */
const SPECIAL = [
  0,
  -0,
  1e-30,
  -1e-30,
  1e-7,
  -1e-7,
  1e30,
  -1e30,
  88,
  -88,
  89,
  -89,
  100,
  -104,
  0.5,
  -0.5,
  1.5,
  2.5,
  -2.5,
  0.625,
  -0.625,
  NaN,
  Infinity,
  -Infinity,
];
const PROBE_X = Float32Array.from([...SPECIAL, ...Array.from({ length: 64 }, (_, i) => -12 + i * 0.381)]);
const PAIR_VALUES = [0, -0, 1, -1, 0.5, -2.5, 3.75, 1e-30, 1e30, -1e30, 7, NaN, Infinity, -Infinity];
const RTOL = 1e-5;
const ATOL = 1e-6;

function close(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= ATOL + RTOL * Math.abs(expected);
}

/**
 * Decides, once per function (and parameters), whether its hand-vectorised kernel may stand in for it: the kernel
 * runs on probe values and must agree with the function's own scalar definition, `f` or `df`, as the conformance
 * suite would require. A function that fails keeps running through the plain JavaScript loop.
 */
export class Probe {
  private readonly unaryVerdicts = new WeakMap<UnaryFn, Map<string, boolean>>();
  private readonly binaryVerdicts = new WeakMap<BinaryFn, boolean>();

  constructor(private readonly ctx: Context) {}

  unary(fn: UnaryFn, code: UnaryCode, a: number, b: number, grad: boolean): boolean {
    let byParams = this.unaryVerdicts.get(fn);
    if (!byParams) this.unaryVerdicts.set(fn, (byParams = new Map()));
    const key = `${grad ? 'df' : 'f'}:${a}:${b}`;
    let ok = byParams.get(key);
    if (ok === undefined) byParams.set(key, (ok = this.checkUnary(fn, code, a, b, grad)));
    return ok;
  }

  binary(fn: BinaryFn, code: BinaryCode): boolean {
    let ok = this.binaryVerdicts.get(fn);
    if (ok === undefined) this.binaryVerdicts.set(fn, (ok = this.checkBinary(fn, code)));
    return ok;
  }

  private checkUnary(fn: UnaryFn, code: UnaryCode, a: number, b: number, grad: boolean): boolean {
    const scalar = grad ? fn.df : fn.f;
    if (!scalar) return false;
    const n = PROBE_X.length;
    const { ctx } = this;
    const buf = ctx.heap.scratch(n * 12);
    try {
      const x = buf;
      const dy = buf + n * 4;
      const out = buf + n * 8;
      ctx.heap.f32.set(PROBE_X, x >>> 2);
      ctx.heap.f32.fill(1, dy >>> 2, (dy >>> 2) + n);
      ctx.run('unary', { code, n, x, out, dy: grad ? dy : 0, a, b }, false);
      const got = ctx.heap.f32.subarray(out >>> 2, (out >>> 2) + n);
      for (let i = 0; i < n; i++) {
        const v = PROBE_X[i]!;
        const expected = Math.fround(grad ? 1 * scalar(v, a, b) : scalar(v, a, b));
        if (!close(got[i]!, expected)) return false;
      }
      return true;
    } finally {
      ctx.heap.freeScratch(buf, n * 12);
    }
  }

  private checkBinary(fn: BinaryFn, code: BinaryCode): boolean {
    const m = PAIR_VALUES.length;
    const n = m * m;
    const { ctx } = this;
    const buf = ctx.heap.scratch(n * 12);
    try {
      const x = buf;
      const y = buf + n * 4;
      const out = buf + n * 8;
      const f32 = ctx.heap.f32;
      for (let i = 0; i < n; i++) {
        f32[(x >>> 2) + i] = PAIR_VALUES[Math.floor(i / m)]!;
        f32[(y >>> 2) + i] = PAIR_VALUES[i % m]!;
      }
      const params = { code, outer: 1, inner: n, x, y, out, xOuterStride: 0, yOuterStride: 0 };
      ctx.run('binary', { ...params, xInnerStride: 1, yInnerStride: 1 }, false);
      const bytes = isComparison(code);
      for (let i = 0; i < n; i++) {
        const expected = fn.f(f32[(x >>> 2) + i]!, f32[(y >>> 2) + i]!);
        const got = bytes ? ctx.heap.u8[out + i]! : ctx.heap.f32[(out >>> 2) + i]!;
        if (bytes ? got !== (expected ? 1 : 0) : !close(got, Math.fround(expected))) return false;
      }
      return true;
    } finally {
      ctx.heap.freeScratch(buf, n * 12);
    }
  }
}
