import { type KernelSpecs, type TensorInfo, ValueError, sizeOf, stridesOf } from '@rectify/tensor';
import type { Context } from '../context.js';
import { delegate } from './delegate.js';

/**
 * Slices and concatenations that are whole contiguous runs of memory — a block of rows, the pieces of an axis-0
 * concat — as plain copies. A recurrent loop cuts one step's block off a time-major tensor and joins the steps'
 * gradients back, a hundred of each per training step; the reference kernels the others go to walk every element.
 * A gather is one copy per picked row.
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

/**
 * Rows picked by index, one copy each: `fit` cuts every batch out of the whole dataset this way, and the reference
 * kernel would first copy the whole dataset out of the WebAssembly memory (16 MB a step for MNIST).
 */
export function gather(
  ctx: Context,
  [x, indices]: KernelSpecs['gather']['inputs'],
  { axis }: KernelSpecs['gather']['attrs'],
): TensorInfo {
  const n = x.shape[axis]!;
  // A copy: allocating the output may grow the memory, which detaches views taken before it.
  const picked = Int32Array.from(ctx.heap.view(ctx.data(indices)));
  for (const i of picked) if (i < 0 || i >= n) throw new ValueError(`gather: index ${i} is out of range [0, ${n})`);
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = ctx.out(x.dtype, outer * picked.length * inner);
  if (out.length === 0) return { dataId: out, shape, dtype: x.dtype };
  // Byte copies inside the one memory: no view object per row.
  const bytes = out.byteLength / out.length;
  const rowBytes = inner * bytes;
  const from = ctx.data(x).ptr;
  const memory = ctx.heap.u8;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < picked.length; k++) {
      const src = from + (o * n + picked[k]!) * rowBytes;
      memory.copyWithin(out.ptr + (o * picked.length + k) * rowBytes, src, src + rowBytes);
    }
  }
  return { dataId: out, shape, dtype: x.dtype };
}
