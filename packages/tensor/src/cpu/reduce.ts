import type { KernelSpecs, ReduceOp, TensorInfo } from '../backend/kernels.js';
import { allocate, type TypedArray } from '../dtype.js';
import { sizeOf } from '../shape.js';
import { transposeValues } from './layout.js';
import type { CpuStorage } from './storage.js';

/**
 * Views x as [outer, reduced, inner] when the reduced axes are adjacent (leading, trailing or middle), so the sum
 * streams through memory with no copy; other axis sets are first transposed to the end.
 */
function asBlocks(values: TypedArray, shape: readonly number[], axes: readonly number[]) {
  const first = axes[0]!;
  const last = axes[axes.length - 1]!;
  if (last - first + 1 === axes.length) {
    return {
      values,
      outer: sizeOf(shape.slice(0, first)),
      reduced: sizeOf(shape.slice(first, last + 1)),
      inner: sizeOf(shape.slice(last + 1)),
    };
  }
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  return {
    values: transposeValues(values, shape, perm),
    outer: sizeOf(kept.map((i) => shape[i]!)),
    reduced: sizeOf(axes.map((i) => shape[i]!)),
    inner: 1,
  };
}

const INITIAL: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity, any: 0, all: 1 };

export function reduce(
  store: CpuStorage,
  [x]: KernelSpecs['reduce']['inputs'],
  { axes, op }: KernelSpecs['reduce']['attrs'],
): TensorInfo {
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  const { values, outer, reduced, inner } = asBlocks(store.get(x.dataId), x.shape, axes);
  const dtype = op === 'any' || op === 'all' ? 'bool' : x.dtype === 'bool' ? 'int32' : x.dtype;
  // Accumulate in float64 so that long sums keep float32 accuracy.
  const acc = new Float64Array(outer * inner).fill(INITIAL[op]);
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    for (let r = 0; r < reduced; r++) {
      const row = (o * reduced + r) * inner;
      switch (op) {
        case 'sum':
          for (let i = 0; i < inner; i++) acc[base + i] += values[row + i]!;
          break;
        case 'prod':
          for (let i = 0; i < inner; i++) acc[base + i] *= values[row + i]!;
          break;
        case 'max':
          for (let i = 0; i < inner; i++) {
            const v = values[row + i]!;
            if (v > acc[base + i]! || v !== v) acc[base + i] = v;
          }
          break;
        case 'min':
          for (let i = 0; i < inner; i++) {
            const v = values[row + i]!;
            if (v < acc[base + i]! || v !== v) acc[base + i] = v;
          }
          break;
        case 'any':
          for (let i = 0; i < inner; i++) if (values[row + i]) acc[base + i] = 1;
          break;
        case 'all':
          for (let i = 0; i < inner; i++) if (!values[row + i]) acc[base + i] = 0;
          break;
      }
    }
  }
  const out = allocate(dtype, acc.length);
  out.set(acc);
  return store.put(out, outShape, dtype);
}

export function argReduce(
  store: CpuStorage,
  [x]: KernelSpecs['argReduce']['inputs'],
  { axis, op }: KernelSpecs['argReduce']['attrs'],
): TensorInfo {
  const { values, outer, reduced, inner } = asBlocks(store.get(x.dataId), x.shape, [axis]);
  const out = new Int32Array(outer * inner);
  const better = op === 'argmax' ? (v: number, b: number) => v > b : (v: number, b: number) => v < b;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = values[o * reduced * inner + i]!;
      let bestIdx = 0;
      for (let r = 1; r < reduced && best === best; r++) {
        const v = values[(o * reduced + r) * inner + i]!;
        if (better(v, best) || v !== v) {
          best = v;
          bestIdx = r;
        }
      }
      out[o * inner + i] = bestIdx;
    }
  }
  return store.put(
    out,
    x.shape.filter((_, i) => i !== axis),
    'int32',
  );
}
