import { type KernelSpecs, type ReduceOp, type TensorInfo, sizeOf } from '@rectify/tensor';
import { ReduceCode } from '../abi.js';
import type { Context } from '../context.js';
import { delegate } from './delegate.js';
import { PARALLEL_ELEMENTS } from './elementwise.js';

const CODES: Partial<Record<ReduceOp, ReduceCode>> = { sum: ReduceCode.sum, max: ReduceCode.max, min: ReduceCode.min };
const IDENTITY: Partial<Record<ReduceOp, number>> = { sum: 0, max: -Infinity, min: Infinity };

/**
 * float32 sum, max and min over adjacent axes run on the SIMD kernel (sums in float64); other dtypes, prod/any/all
 * and non-adjacent axis sets go to the reference kernel.
 */
export function reduce(
  ctx: Context,
  inputs: KernelSpecs['reduce']['inputs'],
  attrs: KernelSpecs['reduce']['attrs'],
): TensorInfo {
  const [x] = inputs;
  const { axes, op } = attrs;
  const code = CODES[op];
  const first = axes[0]!;
  const last = axes[axes.length - 1]!;
  if (code === undefined || x.dtype !== 'float32' || last - first + 1 !== axes.length)
    return delegate(ctx, 'reduce', inputs, attrs);
  const shape = x.shape.filter((_, i) => !axes.includes(i));
  const outer = sizeOf(x.shape.slice(0, first));
  const reduced = sizeOf(x.shape.slice(first, last + 1));
  const inner = sizeOf(x.shape.slice(last + 1));
  const xd = ctx.data(x);
  const out = ctx.out('float32', outer * inner);
  const result = { dataId: out, shape, dtype: 'float32' as const };
  if (out.length === 0) return result;
  const parallel = xd.length >= PARALLEL_ELEMENTS;
  if (outer * inner === 1 && parallel && ctx.threads > 1) {
    // One long row: each thread leaves a float64 partial, combined here in a fixed order.
    const threads = ctx.threads;
    const partials = ctx.heap.scratch(threads * 8);
    try {
      const f64 = new Float64Array(ctx.heap.memory.buffer, partials, threads);
      f64.fill(IDENTITY[op]!);
      ctx.run('reduce', { code, outer: 1, reduced, inner: 1, x: xd.ptr, out: out.ptr, partials }, true);
      const parts = new Float64Array(ctx.heap.memory.buffer, partials, threads);
      let acc = IDENTITY[op]!;
      for (const p of parts)
        acc = op === 'sum' ? acc + p : op === 'max' ? (p > acc || p !== p ? p : acc) : p < acc || p !== p ? p : acc;
      ctx.heap.f32[out.ptr >>> 2] = acc;
    } finally {
      ctx.heap.freeScratch(partials, threads * 8);
    }
    return result;
  }
  ctx.run('reduce', { code, outer, reduced, inner, x: xd.ptr, out: out.ptr, partials: 0 }, parallel);
  return result;
}
