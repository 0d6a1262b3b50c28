import { type KernelSpecs, type TensorInfo, sizeOf, stridesOf } from '@rectify/tensor';
import type { Context } from '../context.js';
import { delegate } from './delegate.js';

/**
 * Slices and concatenations that are whole contiguous runs of memory — a block of rows, the pieces of an axis-0
 * concat — as plain copies. A recurrent loop cuts one step's block off a time-major tensor and joins the steps'
 * gradients back, a hundred of each per training step; the reference kernels the others go to walk every element.
 */
export function slice(
  ctx: Context,
  [x]: KernelSpecs['slice']['inputs'],
  attrs: KernelSpecs['slice']['attrs'],
): TensorInfo {
  const { begin, size } = attrs;
  const shape = x.shape;
  // Contiguous when every axis after the first partial one is taken whole and every axis before it has one entry.
  const first = shape.findIndex((n, d) => size[d] !== n);
  const contiguous =
    first === -1 ||
    (shape.slice(first + 1).every((n, k) => size[first + 1 + k] === n) && size.slice(0, first).every((n) => n === 1));
  if (!contiguous) return delegate(ctx, 'slice', [x], attrs);
  const strides = stridesOf(shape);
  const offset = begin.reduce((acc, b, d) => acc + b * strides[d]!, 0);
  const n = sizeOf(size);
  const out = ctx.out(x.dtype, n);
  if (n > 0) ctx.heap.view(out).set(ctx.heap.view(ctx.data(x)).subarray(offset, offset + n));
  return { dataId: out, shape: size, dtype: x.dtype };
}

export function concat(
  ctx: Context,
  inputs: KernelSpecs['concat']['inputs'],
  attrs: KernelSpecs['concat']['attrs'],
): TensorInfo {
  const first = inputs[0]!;
  const { axis } = attrs;
  // Contiguous pieces when nothing varies before the axis: the result is the inputs one after another.
  if (first.shape.slice(0, axis).some((n) => n !== 1)) return delegate(ctx, 'concat', inputs, attrs);
  const shape = first.shape.map((n, d) => (d === axis ? inputs.reduce((acc, t) => acc + t.shape[d]!, 0) : n));
  const out = ctx.out(first.dtype, sizeOf(shape));
  const target = ctx.heap.view(out);
  let at = 0;
  for (const t of inputs) {
    const values = ctx.heap.view(ctx.data(t));
    target.set(values, at);
    at += values.length;
  }
  return { dataId: out, shape, dtype: first.dtype };
}
