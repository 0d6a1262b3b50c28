import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import { allocate, type TypedArray } from '../dtype.js';
import { ValueError } from '../errors.js';
import { sizeOf, stridesOf } from '../shape.js';
import type { CpuStorage } from './storage.js';

/** Copies `values` (of `shape`) into the layout of its transpose by `perm`. */
export function transposeValues(values: TypedArray, shape: readonly number[], perm: readonly number[]): TypedArray {
  const rank = shape.length;
  const out = allocate(
    values instanceof Float32Array ? 'float32' : values instanceof Int32Array ? 'int32' : 'bool',
    values.length,
  );
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = stridesOf(shape);
  if (rank === 2 && perm[0] === 1) {
    const [R, C] = shape as [number, number];
    const TB = 32;
    for (let r0 = 0; r0 < R; r0 += TB) {
      for (let c0 = 0; c0 < C; c0 += TB) {
        const r1 = Math.min(R, r0 + TB);
        const c1 = Math.min(C, c0 + TB);
        for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[c * R + r] = values[r * C + c]!;
      }
    }
    return out;
  }
  // Walk the output in order; `strides` are the input strides seen through the permutation.
  const strides = perm.map((p) => inStrides[p]!);
  copyStrided(values, 0, strides, out, outShape);
  return out;
}

/** Writes the strided view (`offset`, `strides` over `shape`) of `src` contiguously into `out`. */
function copyStrided(
  src: TypedArray,
  offset: number,
  strides: readonly number[],
  out: TypedArray,
  shape: readonly number[],
): void {
  const rank = shape.length;
  const n = out.length;
  if (n === 0) return;
  if (rank === 0) {
    out[0] = src[offset]!;
    return;
  }
  const inner = shape[rank - 1]!;
  const is = strides[rank - 1]!;
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  let off = offset;
  while (o < n) {
    for (let j = 0; j < inner; j++) out[o++] = src[off + j * is]!;
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      off += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

export function transpose(
  store: CpuStorage,
  [x]: KernelSpecs['transpose']['inputs'],
  { perm }: KernelSpecs['transpose']['attrs'],
): TensorInfo {
  return store.put(
    transposeValues(store.get(x.dataId), x.shape, perm),
    perm.map((p) => x.shape[p]!),
    x.dtype,
  );
}

export function slice(
  store: CpuStorage,
  [x]: KernelSpecs['slice']['inputs'],
  { begin, size }: KernelSpecs['slice']['attrs'],
): TensorInfo {
  const strides = stridesOf(x.shape);
  const offset = begin.reduce((acc, b, i) => acc + b * strides[i]!, 0);
  const out = allocate(x.dtype, sizeOf(size));
  copyStrided(store.get(x.dataId), offset, strides, out, size);
  return store.put(out, size, x.dtype);
}

export function concat(
  store: CpuStorage,
  inputs: KernelSpecs['concat']['inputs'],
  { axis }: KernelSpecs['concat']['attrs'],
): TensorInfo {
  const first = inputs[0]!;
  const outShape = [...first.shape];
  outShape[axis] = inputs.reduce((n, t) => n + t.shape[axis]!, 0);
  const out = allocate(first.dtype, sizeOf(outShape));
  const outer = sizeOf(outShape.slice(0, axis));
  const outRow = sizeOf(outShape.slice(axis));
  let col = 0;
  for (const t of inputs) {
    const v = store.get(t.dataId);
    const row = sizeOf(t.shape.slice(axis));
    for (let o = 0; o < outer; o++) out.set(v.subarray(o * row, (o + 1) * row), o * outRow + col);
    col += row;
  }
  return store.put(out, outShape, first.dtype);
}

export function pad(
  store: CpuStorage,
  [x]: KernelSpecs['pad']['inputs'],
  { paddings, value }: KernelSpecs['pad']['attrs'],
): TensorInfo {
  const outShape = x.shape.map((d, i) => d + paddings[i]![0] + paddings[i]![1]);
  const out = allocate(x.dtype, sizeOf(outShape));
  out.fill(value);
  const src = store.get(x.dataId);
  const outStrides = stridesOf(outShape);
  const rank = x.shape.length;
  if (src.length === 0) return store.put(out, outShape, x.dtype);
  if (rank === 0) {
    out[0] = src[0]!;
    return store.put(out, outShape, x.dtype);
  }
  const inner = x.shape[rank - 1]!;
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < src.length; i += inner) {
    let o = 0;
    for (let d = 0; d < rank; d++) o += (idx[d]! + paddings[d]![0]) * outStrides[d]!;
    out.set(src.subarray(i, i + inner), o);
    for (let d = rank - 2; d >= 0; d--) {
      if (++idx[d]! < x.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return store.put(out, outShape, x.dtype);
}

export function tile(
  store: CpuStorage,
  [x]: KernelSpecs['tile']['inputs'],
  { reps }: KernelSpecs['tile']['attrs'],
): TensorInfo {
  const outShape = x.shape.map((d, i) => d * reps[i]!);
  // A tile is a strided read with each axis wrapping: view the output as [rep, d] per axis with input stride 0 on rep.
  const src = store.get(x.dataId);
  const inStrides = stridesOf(x.shape);
  const viewShape: number[] = [];
  const viewStrides: number[] = [];
  x.shape.forEach((d, i) => {
    viewShape.push(reps[i]!, d);
    viewStrides.push(0, inStrides[i]!);
  });
  const out = allocate(x.dtype, sizeOf(outShape));
  copyStrided(src, 0, viewStrides, out, viewShape);
  return store.put(out, outShape, x.dtype);
}

function checkIndex(op: string, i: number, n: number): void {
  if (i < 0 || i >= n) throw new ValueError(`${op}: index ${i} is out of range [0, ${n})`);
}

export function gather(
  store: CpuStorage,
  [x, indices]: KernelSpecs['gather']['inputs'],
  { axis }: KernelSpecs['gather']['attrs'],
): TensorInfo {
  const idx = store.get(indices.dataId);
  const outer = sizeOf(x.shape.slice(0, axis));
  const n = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = allocate(x.dtype, sizeOf(outShape));
  const src = store.get(x.dataId);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      checkIndex('gather', i, n);
      out.set(src.subarray((o * n + i) * inner, (o * n + i + 1) * inner), (o * idx.length + k) * inner);
    }
  }
  return store.put(out, outShape, x.dtype);
}

export function scatterAdd(
  store: CpuStorage,
  [updates, indices]: KernelSpecs['scatterAdd']['inputs'],
  { axis, shape }: KernelSpecs['scatterAdd']['attrs'],
): TensorInfo {
  const idx = store.get(indices.dataId);
  const outer = sizeOf(shape.slice(0, axis));
  const n = shape[axis]!;
  const inner = sizeOf(shape.slice(axis + 1));
  const out = allocate(updates.dtype, sizeOf(shape));
  const src = store.get(updates.dataId);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      checkIndex('scatterAdd', i, n);
      const from = (o * idx.length + k) * inner;
      const to = (o * n + i) * inner;
      for (let j = 0; j < inner; j++) out[to + j] += src[from + j]!;
    }
  }
  return store.put(out, shape, updates.dtype);
}
