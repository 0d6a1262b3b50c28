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

/**
 * A transpose that keeps the trailing axes in place (a `[batch, time, features]` ↔ `[time, batch, features]` swap)
 * moves whole rows: one copy per row within the WebAssembly memory.
 */
export function transpose(
  ctx: Context,
  [x]: KernelSpecs['transpose']['inputs'],
  attrs: KernelSpecs['transpose']['attrs'],
): TensorInfo {
  const { perm } = attrs;
  const rank = perm.length;
  let kept = 0;
  while (kept < rank && perm[rank - 1 - kept] === rank - 1 - kept) kept++;
  const run = sizeOf(x.shape.slice(rank - kept));
  if (kept === 0 || kept === rank || run < 8) return delegate(ctx, 'transpose', [x], attrs);
  const shape = perm.map((d) => x.shape[d]!);
  const n = sizeOf(shape);
  const out = ctx.out(x.dtype, n);
  if (n > 0) {
    // Bits are copied, so int32 words serve float32 too.
    const memory = x.dtype === 'bool' ? ctx.heap.u8 : ctx.heap.i32;
    const src = ctx.data(x).ptr / memory.BYTES_PER_ELEMENT;
    const dst = out.ptr / memory.BYTES_PER_ELEMENT;
    const inStrides = stridesOf(x.shape);
    const moved = perm.slice(0, rank - kept);
    const outer = shape.slice(0, rank - kept);
    // Walks the output's leading index like an odometer, keeping the matching input offset.
    const index = new Array<number>(outer.length).fill(0);
    let from = 0;
    for (let row = 0; row < n / run; row++) {
      memory.copyWithin(dst + row * run, src + from, src + from + run);
      for (let d = outer.length - 1; d >= 0; d--) {
        from += inStrides[moved[d]!]!;
        if (++index[d]! < outer[d]!) break;
        from -= index[d]! * inStrides[moved[d]!]!;
        index[d] = 0;
      }
    }
  }
  return { dataId: out, shape, dtype: x.dtype };
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
