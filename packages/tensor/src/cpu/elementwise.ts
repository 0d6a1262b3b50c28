import type { KernelSpecs, TensorInfo } from '../backend/kernels.js';
import { allocate, type DType } from '../dtype.js';
import { broadcastShapes, broadcastStrides, shapesEqual, sizeOf } from '../shape.js';
import { binaryLoop, unaryGradLoop, unaryLoop } from './loops.js';
import type { CpuStorage } from './storage.js';

const zeroDerivative = (): number => 0;

export function unary(
  store: CpuStorage,
  [x]: KernelSpecs['unary']['inputs'],
  { fn, a, b }: KernelSpecs['unary']['attrs'],
): TensorInfo {
  const dtype: DType = fn.out === 'same' ? x.dtype : fn.out === 'bool' ? 'bool' : 'float32';
  const xs = store.get(x.dataId);
  const out = allocate(dtype, xs.length);
  unaryLoop(fn)(fn.f, xs, out, xs.length, a, b);
  return store.put(out, x.shape, dtype);
}

export function unaryGrad(
  store: CpuStorage,
  [x, dy]: KernelSpecs['unaryGrad']['inputs'],
  { fn, a, b }: KernelSpecs['unaryGrad']['attrs'],
): TensorInfo {
  const xs = store.get(x.dataId);
  const out = new Float32Array(xs.length);
  unaryGradLoop(fn)(fn.df ?? zeroDerivative, xs, store.get(dy.dataId), out, xs.length, a, b);
  return store.put(out, x.shape, 'float32');
}

export function binary(
  store: CpuStorage,
  [x, y]: KernelSpecs['binary']['inputs'],
  { fn, dtype }: KernelSpecs['binary']['attrs'],
): TensorInfo {
  const outShape = broadcastShapes(fn.name, x.shape, y.shape);
  const out = allocate(dtype, sizeOf(outShape));
  binaryLoop(fn)(
    fn.f,
    store.get(x.dataId),
    store.get(y.dataId),
    out,
    outShape,
    broadcastStrides(x.shape, outShape),
    broadcastStrides(y.shape, outShape),
  );
  return store.put(out, outShape, dtype);
}

export function where(
  store: CpuStorage,
  [c, x, y]: KernelSpecs['where']['inputs'],
  { dtype }: KernelSpecs['where']['attrs'],
): TensorInfo {
  const outShape = broadcastShapes('where', broadcastShapes('where', c.shape, x.shape), y.shape);
  const cs = store.get(c.dataId),
    xs = store.get(x.dataId),
    ys = store.get(y.dataId);
  const out = allocate(dtype, sizeOf(outShape));
  if (shapesEqual(c.shape, outShape) && shapesEqual(x.shape, outShape) && shapesEqual(y.shape, outShape)) {
    for (let i = 0; i < out.length; i++) out[i] = cs[i] ? xs[i]! : ys[i]!;
  } else {
    const sc = broadcastStrides(c.shape, outShape),
      sx = broadcastStrides(x.shape, outShape),
      sy = broadcastStrides(y.shape, outShape);
    const idx = new Array<number>(outShape.length).fill(0);
    for (let i = 0; i < out.length; i++) {
      let oc = 0,
        ox = 0,
        oy = 0;
      for (let d = 0; d < idx.length; d++) {
        oc += idx[d]! * sc[d]!;
        ox += idx[d]! * sx[d]!;
        oy += idx[d]! * sy[d]!;
      }
      out[i] = cs[oc] ? xs[ox]! : ys[oy]!;
      for (let d = idx.length - 1; d >= 0; d--) {
        if (++idx[d]! < outShape[d]!) break;
        idx[d] = 0;
      }
    }
  }
  return store.put(out, outShape, dtype);
}

export function cast(
  store: CpuStorage,
  [x]: KernelSpecs['cast']['inputs'],
  { dtype }: KernelSpecs['cast']['attrs'],
): TensorInfo {
  const xs = store.get(x.dataId);
  const out = allocate(dtype, xs.length);
  if (dtype === 'bool') for (let i = 0; i < xs.length; i++) out[i] = xs[i] !== 0 ? 1 : 0;
  else if (dtype === 'int32') for (let i = 0; i < xs.length; i++) out[i] = Math.trunc(xs[i]!);
  else out.set(xs);
  return store.put(out, x.shape, dtype);
}
