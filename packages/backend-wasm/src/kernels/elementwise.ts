import {
  type DType,
  type KernelSpecs,
  type TensorInfo,
  biasLoop,
  binaryLoop,
  broadcastShapes,
  broadcastStrides,
  sizeOf,
  unaryGradLoop,
  unaryLoop,
} from '@rectify/tensor';
import type { Context } from '../context.js';
import { binaryCandidate, isComparison, parallelFrom, unaryCandidate } from './op-codes.js';
import type { Probe } from './probe.js';

/**
 * Memory-bound work (copies, cheap elementwise ops, reductions) below this many elements stays on one thread: the data
 * sit in the calling core's cache, and moving them to another core costs what the second core would save.
 */
export const PARALLEL_ELEMENTS = 1 << 19;

const zeroDerivative = (): number => 0;

export function unary(
  ctx: Context,
  probe: Probe,
  [x]: KernelSpecs['unary']['inputs'],
  { fn, a, b }: KernelSpecs['unary']['attrs'],
): TensorInfo {
  const dtype: DType = fn.out === 'same' ? x.dtype : fn.out === 'bool' ? 'bool' : 'float32';
  const xd = ctx.data(x);
  const n = xd.length;
  const out = ctx.out(dtype, n);
  if (n > 0) {
    const k = unaryCandidate(fn);
    if (k && x.dtype === 'float32' && dtype === 'float32' && probe.unary(fn, k.code, a, b, false)) {
      ctx.run('unary', { code: k.code, n, x: xd.ptr, out: out.ptr, dy: 0, a, b }, n >= parallelFrom(k));
    } else {
      unaryLoop(fn)(fn.f, ctx.heap.view(xd), ctx.heap.view(out), n, a, b);
    }
  }
  return { dataId: out, shape: x.shape, dtype };
}

export function unaryGrad(
  ctx: Context,
  probe: Probe,
  [x, dy]: KernelSpecs['unaryGrad']['inputs'],
  { fn, a, b }: KernelSpecs['unaryGrad']['attrs'],
): TensorInfo {
  const xd = ctx.data(x);
  const dyd = ctx.data(dy);
  const n = xd.length;
  const out = ctx.out('float32', n);
  if (n > 0) {
    const k = unaryCandidate(fn);
    if (k && x.dtype === 'float32' && dy.dtype === 'float32' && probe.unary(fn, k.code, a, b, true)) {
      ctx.run('unary', { code: k.code, n, x: xd.ptr, out: out.ptr, dy: dyd.ptr, a, b }, n >= parallelFrom(k));
    } else {
      unaryGradLoop(fn)(fn.df ?? zeroDerivative, ctx.heap.view(xd), ctx.heap.view(dyd), ctx.heap.view(out), n, a, b);
    }
  }
  return { dataId: out, shape: x.shape, dtype: 'float32' };
}

/**
 * `fn.f(z + bias)` along the last axis: the SIMD `biasUnary` task where `fn` has a fused kernel that passes the
 * probe (the same check `unary` makes), otherwise a per-function JS loop over the heap.
 */
export function biasActivation(
  ctx: Context,
  probe: Probe,
  [z, bias]: KernelSpecs['biasActivation']['inputs'],
  { fn, a, b }: KernelSpecs['biasActivation']['attrs'],
): TensorInfo {
  const zd = ctx.data(z);
  const n = zd.length;
  const units = z.shape[z.shape.length - 1] ?? 1;
  const out = ctx.out('float32', n);
  if (n > 0) {
    const bd = ctx.data(bias);
    const k = unaryCandidate(fn);
    if (k?.bias && probe.unary(fn, k.code, a, b, false)) {
      const params = { code: k.code, rows: n / units, cols: units, x: zd.ptr, bias: bd.ptr, out: out.ptr, a, b };
      ctx.run('biasUnary', params, n >= parallelFrom(k));
    } else {
      biasLoop(fn)(fn.f, ctx.heap.view(zd), ctx.heap.view(bd), ctx.heap.view(out), n / units, units, a, b);
    }
  }
  return { dataId: out, shape: z.shape, dtype: 'float32' };
}

interface Axis {
  n: number;
  sx: number;
  sy: number;
}

/** Drops size-1 axes and merges neighbours that both operands read contiguously (or both broadcast). */
function collapse(shape: readonly number[], sx: readonly number[], sy: readonly number[]): Axis[] {
  const axes: Axis[] = [];
  shape.forEach((n, d) => {
    if (n === 1) return;
    const last = axes[axes.length - 1];
    if (last && last.sx === sx[d]! * n && last.sy === sy[d]! * n) {
      last.n *= n;
      last.sx = sx[d]!;
      last.sy = sy[d]!;
    } else axes.push({ n, sx: sx[d]!, sy: sy[d]! });
  });
  return axes;
}

export function binary(
  ctx: Context,
  probe: Probe,
  [x, y]: KernelSpecs['binary']['inputs'],
  { fn, dtype }: KernelSpecs['binary']['attrs'],
): TensorInfo {
  const shape = broadcastShapes(fn.name, x.shape, y.shape);
  const xd = ctx.data(x);
  const yd = ctx.data(y);
  const size = sizeOf(shape);
  const out = ctx.out(dtype, size);
  const result = { dataId: out, shape, dtype };
  if (size === 0) return result;
  const sx = broadcastStrides(x.shape, shape);
  const sy = broadcastStrides(y.shape, shape);
  const code = binaryCandidate(fn);
  const fast =
    code !== undefined &&
    x.dtype === 'float32' &&
    y.dtype === 'float32' &&
    dtype === (isComparison(code) ? 'bool' : 'float32') &&
    probe.binary(fn, code);
  if (!fast) {
    binaryLoop(fn)(fn.f, ctx.heap.view(xd), ctx.heap.view(yd), ctx.heap.view(out), shape, sx, sy);
    return result;
  }
  const axes = collapse(shape, sx, sy);
  const inner = axes.pop() ?? { n: 1, sx: 0, sy: 0 };
  const outerAxis = axes.pop() ?? { n: 1, sx: 0, sy: 0 };
  // Axes beyond two (rare: 3-D broadcasts) are walked here, one two-axis task per block.
  const blocks = sizeOf(axes.map((a) => a.n));
  const outBytes = dtype === 'bool' ? 1 : 4;
  const parallel = size >= PARALLEL_ELEMENTS;
  const idx = new Array<number>(axes.length).fill(0);
  for (let blk = 0; blk < blocks; blk++) {
    let ox = 0;
    let oy = 0;
    axes.forEach((a, d) => {
      ox += idx[d]! * a.sx;
      oy += idx[d]! * a.sy;
    });
    const outOff = blk * outerAxis.n * inner.n;
    const params = {
      code,
      outer: outerAxis.n,
      inner: inner.n,
      x: xd.ptr + 4 * ox,
      y: yd.ptr + 4 * oy,
      out: out.ptr + outBytes * outOff,
      xOuterStride: outerAxis.sx,
      yOuterStride: outerAxis.sy,
      xInnerStride: inner.sx,
      yInnerStride: inner.sy,
    };
    ctx.run('binary', params, parallel);
    for (let d = axes.length - 1; d >= 0; d--) {
      if (++idx[d]! < axes[d]!.n) break;
      idx[d] = 0;
    }
  }
  return result;
}

export function cast(
  ctx: Context,
  [x]: KernelSpecs['cast']['inputs'],
  { dtype }: KernelSpecs['cast']['attrs'],
): TensorInfo {
  const xd = ctx.data(x);
  const out = ctx.out(dtype, xd.length);
  const src = ctx.heap.view(xd);
  const dst = ctx.heap.view(out);
  const n = src.length;
  if (dtype === 'bool') for (let i = 0; i < n; i++) dst[i] = src[i] !== 0 ? 1 : 0;
  else if (dtype === 'int32') for (let i = 0; i < n; i++) dst[i] = Math.trunc(src[i]!);
  else dst.set(src);
  return { dataId: out, shape: x.shape, dtype };
}
